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

/**
 * Packaged upstream services (built earlier in the reactor) run as real processes against the test's PostgreSQL,
 * one of each per test JVM, so that downstream tests drive the whole pipeline through the real HTTP APIs.
 */
public final class UpstreamServices {

    private static final Map<String, String> URLS = new HashMap<>();
    private static final Map<String, Path> LOGS = new HashMap<>();

    private UpstreamServices() {
    }

    /** A started service process. */
    public record Started(String url, Process process, Path log) {
    }

    /** The base URL of {@code module} (e.g. ingest-service), started on first use with {@code extraEnv}. */
    static synchronized String url(String module, Map<String, String> datasource, Map<String, String> extraEnv) {
        String known = URLS.get(module);
        if (known != null) {
            return known;
        }
        Started s = start(module, datasource, extraEnv);
        Runtime.getRuntime().addShutdownHook(new Thread(s.process()::destroy, module + "-stop"));
        URLS.put(module, s.url());
        LOGS.put(module, s.log());
        return s.url();
    }

    /**
     * Another process of {@code module} on the same database, not shared: a test that stops it (SIGTERM, kill -9)
     * owns it.
     */
    public static Started start(String module, Map<String, String> datasource, Map<String, String> extraEnv) {
        Path jar = findJar(module);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path log = Path.of("target", module + "-under-test-" + port + ".log");
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true"); // as compose and ECS run them
        env.put("QUARKUS_DATASOURCE_JDBC_URL", datasource.getOrDefault("quarkus.datasource.jdbc.url",
                System.getenv("QUARKUS_DATASOURCE_JDBC_URL")));
        if (datasource.containsKey("quarkus.datasource.username")) {
            env.put("QUARKUS_DATASOURCE_USERNAME", datasource.get("quarkus.datasource.username"));
            env.put("QUARKUS_DATASOURCE_PASSWORD", datasource.get("quarkus.datasource.password"));
        }
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.putAll(DevJwt.forTests().serviceEnvironment());
        Process process = ServiceProcess.start(jar, log, "512m", env);
        String url = "http://localhost:" + port;
        ServiceProcess.awaitReady(url, process, Duration.ofSeconds(120), log);
        return new Started(url, process, log);
    }

    /** The output of the upstream service this JVM started: JSON lines, one per log record. */
    public static synchronized Path log(String module) {
        Path log = LOGS.get(module);
        if (log == null) {
            throw new IllegalStateException(module + " was not started by this JVM");
        }
        return log;
    }

    /**
     * The module's last packaged artifact, as {@code @QuarkusIntegrationTest} finds it: the jar, or the native
     * executable after a {@code -Pnative} build ({@code target/quarkus-artifact.properties} says which).
     */
    private static Path findJar(String module) {
        for (File dir = new File("").getAbsoluteFile(); dir != null; dir = dir.getParentFile()) {
            Path target = dir.toPath().resolve(module + "/target");
            Path artifact = artifact(target);
            if (artifact != null && Files.exists(artifact)) {
                return artifact;
            }
            Path jar = target.resolve("quarkus-app/quarkus-run.jar");
            if (Files.exists(jar)) {
                return jar;
            }
        }
        throw new IllegalStateException(module + "/target/quarkus-app/quarkus-run.jar not found: build " + module
                + " first (./mvnw verify builds the modules in order)");
    }

    private static Path artifact(Path target) {
        Path props = target.resolve("quarkus-artifact.properties");
        if (!Files.exists(props)) {
            return null;
        }
        java.util.Properties p = new java.util.Properties();
        try (var in = Files.newInputStream(props)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("path") == null ? null : target.resolve(p.getProperty("path"));
    }
}
