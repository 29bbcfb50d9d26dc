package org.carbonmrv.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A packaged service (quarkus-run.jar or a native executable) run as a child process: the local run, downstream tests
 * and benchmarks.
 */
public final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServiceProcess() {
    }

    /**
     * Starts {@code executable} (a jar with the same java as this JVM), its output in {@code log}, with the given
     * environment.
     */
    public static Process start(Path executable, Path log, String maxHeap, Map<String, String> env) {
        if (!Files.exists(executable)) {
            throw new IllegalStateException(executable + " is missing: build with ./mvnw -DskipTests install (a native executable: -Pnative)");
        }
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            // a native executable takes the heap cap as its own argument
            List<String> command = executable.toString().endsWith(".jar")
                    ? List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx" + maxHeap, "-jar",
                            executable.toString())
                    : List.of(executable.toString(), "-Xmx" + maxHeap);
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            env.forEach((k, v) -> pb.environment().put(k, v == null ? "" : v));
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code baseUrl}/q/health/ready answers 200; fails when the process exits or time runs out. */
    public static void awaitReady(String baseUrl, Process process, Duration timeout, Path log) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service at " + baseUrl + " exited (code " + process.exitValue()
                        + "); see " + log.toAbsolutePath());
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
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
        throw new IllegalStateException(baseUrl + " not ready after " + timeout.toSeconds() + " s; see "
                + log.toAbsolutePath());
    }
}
