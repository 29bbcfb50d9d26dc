package org.carbonmrv.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/**
 * An OTLP/HTTP endpoint for tests: accepts every export (200) and keeps the request bodies, so that a test can ask
 * whether a service exported a span of a trace without a tracing backend. Protobuf carries trace and span ids as
 * raw bytes and names as UTF-8, so both are found in the body as they are.
 */
public final class OtlpSink implements AutoCloseable {

    private final HttpServer server;
    private final List<byte[]> bodies = new CopyOnWriteArrayList<>();

    private OtlpSink(HttpServer server) {
        this.server = server;
    }

    public static OtlpSink start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            OtlpSink sink = new OtlpSink(server);
            server.createContext("/", exchange -> {
                try (InputStream in = exchange.getRequestBody()) {
                    sink.bodies.add(in.readAllBytes());
                }
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return sink;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The endpoint to give a service as {@code quarkus.otel.exporter.otlp.traces.endpoint}. */
    public String endpoint() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** Whether an export from {@code serviceName} carried every one of these hex ids (trace or span ids). */
    public boolean exported(String serviceName, String... hexIds) {
        byte[] name = serviceName.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return bodies.stream().anyMatch(b -> contains(b, name) && java.util.Arrays.stream(hexIds)
                .allMatch(id -> contains(b, HexFormat.of().parseHex(id))));
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
