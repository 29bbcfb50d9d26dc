package org.carbonmrv.bench;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * Closed-loop HTTP load: {@code clients} connections, each sending its next request when the previous answer has
 * been read in full. Runs on one Vert.x event loop, so that on a 2-core machine the load generator takes as little
 * CPU from the service as possible (a thread per client with the JDK HttpClient took about half of it and set a
 * floor of 24-45 ms p99 even for {@code /q/health/live}). Latency is measured from the request written to the last
 * byte of the answer received.
 */
public final class HttpLoad {

    /** p50 and p99 in ms, requests per second, mean answer bytes. */
    record Result(double p50Ms, double p99Ms, double perSecond, double meanBytes) {
    }

    private HttpLoad() {
    }

    /**
     * Ad-hoc load of one URL against a service held up by {@code MrvBench -Dhold=seconds}:
     * {@code url [clients] [seconds]}, the Authorization header read from the file the held benchmark wrote.
     */
    public static void main(String[] args) throws Exception {
        String auth = java.nio.file.Files.readString(java.nio.file.Path.of("bench/target/hold-authorization"));
        Result r = run(args[0], auth, args.length > 1 ? Integer.parseInt(args[1]) : 32,
                args.length > 2 ? Integer.parseInt(args[2]) : 10);
        System.out.printf("%s: p50 %.2f ms, p99 %.2f ms, %,.0f req/s, %,.0f bytes each%n", args[0], r.p50Ms(),
                r.p99Ms(), r.perSecond(), r.meanBytes());
    }

    static Result run(String url, String authorization, int clients, int seconds) throws Exception {
        return run(List.of(url), authorization, clients, seconds);
    }

    /** Requests the URLs in turn, whichever client is free next asking for the next one. */
    static Result run(List<String> urls, String authorization, int clients, int seconds) throws Exception {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        try {
            HttpClient http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                    .setTryUseCompression(false), new PoolOptions().setHttp1MaxSize(clients));
            List<RequestOptions> requests = urls.stream().map(url -> request(url, authorization)).toList();
            int[] turn = new int[1];
            Supplier<RequestOptions> request = () -> requests.get(turn[0]++ % requests.size());
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            long[] bytes = new long[1];
            @SuppressWarnings("unchecked")
            CompletableFuture<long[]>[] done = new CompletableFuture[clients];
            for (int i = 0; i < clients; i++) {
                Client c = new Client(http, request, end, bytes);
                done[i] = c.done;
                vertx.runOnContext(v -> c.next());
            }
            CompletableFuture.allOf(done).get(seconds + 60L, TimeUnit.SECONDS);
            long[] all = Arrays.stream(done).map(CompletableFuture::join).flatMapToLong(Arrays::stream).sorted()
                    .toArray();
            return new Result(all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6,
                    all.length / (double) seconds, bytes[0] / (double) all.length);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static RequestOptions request(String url, String authorization) {
        URI uri = URI.create(url);
        return new RequestOptions().setMethod(HttpMethod.GET).setHost(uri.getHost()).setPort(uri.getPort())
                .setURI(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()))
                .putHeader("Authorization", authorization)
                // as most HTTP clients do (python requests, browsers, curl --compressed): gzip accepted
                .putHeader("Accept-Encoding", "gzip");
    }

    /** One simulated client: a request at a time. Only the event loop thread touches it. */
    private static final class Client {
        final CompletableFuture<long[]> done = new CompletableFuture<>();
        private final HttpClient http;
        private final Supplier<RequestOptions> requests;
        private final long end;
        private final long[] bytes;
        private long[] lat = new long[1 << 14];
        private int n;

        Client(HttpClient http, Supplier<RequestOptions> requests, long end, long[] bytes) {
            this.http = http;
            this.requests = requests;
            this.end = end;
            this.bytes = bytes;
        }

        void next() {
            if (System.nanoTime() >= end) {
                done.complete(Arrays.copyOf(lat, n));
                return;
            }
            long t0 = System.nanoTime();
            RequestOptions request = requests.get();
            http.request(request).compose(req -> req.send()).compose(resp -> {
                if (resp.statusCode() != 200) {
                    throw new IllegalStateException(request.getURI() + " answered " + resp.statusCode());
                }
                return resp.body();
            }).onSuccess(body -> {
                if (n == lat.length) {
                    lat = Arrays.copyOf(lat, n * 2);
                }
                lat[n++] = System.nanoTime() - t0;
                bytes[0] += body.length();
                next();
            }).onFailure(done::completeExceptionally);
        }
    }
}
