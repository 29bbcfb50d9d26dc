package org.carbonmrv.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A real S3-protocol server for tests: S3Proxy (Maven Central's {@code org.gaul:s3proxy} jar with its
 * dependencies, copied to {@code target/s3proxy/s3proxy.jar} by the module's build, never on the test classpath)
 * run as a child process over a directory, so that the objects the service writes are files a test can read.
 */
public final class S3ProxyServer implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** Quarkus loads a test's profile and the test in different class loaders: they meet through these. */
    private static final String DIR = "carbonmrv.test.s3proxy.dir";
    private static final String PORT = "carbonmrv.test.s3proxy.port";
    private static final String PID = "carbonmrv.test.s3proxy.pid";

    private final Path jar;
    private final Path dir;
    private final int port;

    private S3ProxyServer(Path jar, Path dir, int port) {
        this.jar = jar;
        this.dir = dir;
        this.port = port;
    }

    /**
     * The test JVM's server: started on first use on a free port over an empty directory, with {@code bucket}
     * created; the same one for every class loader of the JVM.
     */
    public static synchronized S3ProxyServer shared(String bucket) {
        Path jar = Path.of("target", "s3proxy", "s3proxy.jar").toAbsolutePath();
        if (System.getProperty(PORT) != null) {
            return new S3ProxyServer(jar, Path.of(System.getProperty(DIR)), Integer.parseInt(System.getProperty(PORT)));
        }
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: the module's build copies it (./mvnw verify)");
        }
        S3ProxyServer server;
        try (ServerSocket s = new ServerSocket(0)) {
            server = new S3ProxyServer(jar, Files.createTempDirectory("s3proxy"), s.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty(DIR, server.dir.toString());
        System.setProperty(PORT, String.valueOf(server.port));
        server.startAgain();
        server.send("PUT", "/" + bucket);
        return server;
    }

    private static java.util.Optional<ProcessHandle> running() {
        String pid = System.getProperty(PID);
        return pid == null ? java.util.Optional.empty() : ProcessHandle.of(Long.parseLong(pid))
                .filter(ProcessHandle::isAlive);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** The file S3Proxy keeps an object in. */
    public Path object(String bucket, String key) {
        return dir.resolve(bucket).resolve(key);
    }

    /** Stops the server as an unreachable endpoint is (connections refused); {@link #startAgain()} brings it back. */
    public void stop() {
        running().ifPresent(p -> {
            p.destroy();
            p.onExit().join();
        });
        System.clearProperty(PID);
    }

    public void startAgain() {
        if (running().isPresent()) {
            return;
        }
        try {
            Path props = dir.resolveSibling(dir.getFileName() + ".properties");
            Files.writeString(props, String.join("\n", List.of("s3proxy.endpoint=" + endpoint(),
                    "s3proxy.authorization=none", "jclouds.provider=filesystem", "jclouds.identity=local",
                    "jclouds.credential=local", "jclouds.filesystem.basedir=" + dir)) + "\n");
            Path log = dir.resolveSibling(dir.getFileName() + ".log");
            Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m",
                    "-jar", jar.toString(), "--properties", props.toString()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            System.setProperty(PID, String.valueOf(process.pid()));
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "s3proxy-stop"));
            awaitListening(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitListening(Process process, Path log) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy exited; see " + log);
            }
            try {
                HTTP.send(HttpRequest.newBuilder(URI.create(endpoint() + "/")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException e) {
                sleep();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("S3Proxy did not listen within 60 s; see " + log);
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(String method, String path) {
        try {
            int status = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint() + path)).method(method,
                    HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status >= 300) {
                throw new IllegalStateException(method + " " + path + " on S3Proxy: " + status);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The service's configuration for this server. S3Proxy answers 501 to a server-side-encryption header: the
     * objects go without it here (in AWS the bucket's default encryption applies as well).
     */
    public Map<String, String> serviceProperties(String bucket) {
        return Map.of("carbonmrv.blobs.store", "s3", "carbonmrv.blobs.s3.bucket", bucket,
                "carbonmrv.blobs.s3.endpoint", endpoint(), "carbonmrv.blobs.s3.path-style", "true",
                "carbonmrv.blobs.s3.access-key-id", "local", "carbonmrv.blobs.s3.secret-access-key", "local",
                "carbonmrv.blobs.s3.server-side-encryption", "none");
    }

    /** {@link #serviceProperties} as the environment variables a service process reads them from. */
    public Map<String, String> serviceEnvironment(String bucket) {
        Map<String, String> env = new HashMap<>();
        serviceProperties(bucket).forEach((k, v) -> env.put(k.toUpperCase(Locale.ROOT)
                .replaceAll("[^A-Z0-9]", "_"), v));
        return env;
    }

    @Override
    public void close() {
        stop();
    }
}
