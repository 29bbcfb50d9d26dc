package org.carbonmrv.devstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * For the services downstream of ingest: the packaged ingest-service (built earlier in the reactor) runs as a real
 * process against the same PostgreSQL, so that tests upload files through its HTTP API. Gives the test the
 * datasource and {@code mrv.test.ingest-url}.
 */
public class IngestServiceTestResource implements QuarkusTestResourceLifecycleManager {

    private static Process process;
    private static String url;

    @Override
    public Map<String, String> start() {
        Map<String, String> props = new HashMap<>(new EmbeddedPostgresTestResource().start());
        props.put("mrv.test.ingest-url", shared(props));
        return props;
    }

    private static synchronized String shared(Map<String, String> datasource) {
        if (process != null && process.isAlive()) {
            return url;
        }
        Path jar = findJar();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path log = Path.of("target", "ingest-service-under-test.log");
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", datasource.getOrDefault("quarkus.datasource.jdbc.url",
                System.getenv("QUARKUS_DATASOURCE_JDBC_URL")));
        if (datasource.containsKey("quarkus.datasource.username")) {
            env.put("QUARKUS_DATASOURCE_USERNAME", datasource.get("quarkus.datasource.username"));
            env.put("QUARKUS_DATASOURCE_PASSWORD", datasource.get("quarkus.datasource.password"));
        }
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        process = ServiceProcess.start(jar, log, "512m", env);
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "ingest-service-stop"));
        url = "http://localhost:" + port;
        ServiceProcess.awaitReady(url, process, Duration.ofSeconds(120), log);
        return url;
    }

    private static Path findJar() {
        for (File dir = new File("").getAbsoluteFile(); dir != null; dir = dir.getParentFile()) {
            Path jar = dir.toPath().resolve("ingest-service/target/quarkus-app/quarkus-run.jar");
            if (Files.exists(jar)) {
                return jar;
            }
        }
        throw new IllegalStateException("ingest-service/target/quarkus-app/quarkus-run.jar not found: build "
                + "ingest-service first (./mvnw verify builds the modules in order)");
    }

    @Override
    public void stop() {
        // shared by every test class of the JVM; stopped by the shutdown hook
    }
}
