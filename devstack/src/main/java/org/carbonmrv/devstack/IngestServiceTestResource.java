package org.carbonmrv.devstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
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
        try {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Path log = Files.createDirectories(Path.of("target")).resolve("ingest-service-under-test.log");
            ProcessBuilder pb = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                    "-Xmx512m", "-jar", jar.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
            String jdbc = datasource.getOrDefault("quarkus.datasource.jdbc.url",
                    System.getenv("QUARKUS_DATASOURCE_JDBC_URL"));
            pb.environment().put("QUARKUS_DATASOURCE_JDBC_URL", jdbc);
            if (datasource.containsKey("quarkus.datasource.username")) {
                pb.environment().put("QUARKUS_DATASOURCE_USERNAME", datasource.get("quarkus.datasource.username"));
                pb.environment().put("QUARKUS_DATASOURCE_PASSWORD", datasource.get("quarkus.datasource.password"));
            }
            pb.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
            process = pb.start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "ingest-service-stop"));
            url = "http://localhost:" + port;
            awaitReady(url, log);
            return url;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    private static void awaitReady(String url, Path log) {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 240; i++) {
            if (!process.isAlive()) {
                throw new IllegalStateException("ingest-service exited; see " + log.toAbsolutePath());
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("ingest-service not ready after 120 s; see " + log.toAbsolutePath());
    }

    @Override
    public void stop() {
        // shared by every test class of the JVM; stopped by the shutdown hook
    }
}
