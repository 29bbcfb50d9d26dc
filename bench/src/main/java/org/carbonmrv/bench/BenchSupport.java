package org.carbonmrv.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.carbonmrv.devstack.ServiceProcess;

/** What the benchmarks share: running a packaged service, uploading a file, medians, peak RSS. */
final class BenchSupport {

    private BenchSupport() {
    }

    static Process startService(Path root, String service, String jdbc, int port, String... env) {
        return startService(root, service, System.getProperty("form", "jvm"), log(root, service), jdbc, port, env);
    }

    /** The service in {@code form} (jvm or native) on {@code jdbc} and {@code port}, its output in {@code log}. */
    static Process startService(Path root, String service, String form, Path log, String jdbc, int port,
            String... env) {
        java.util.Map<String, String> vars = new java.util.HashMap<>();
        vars.put("QUARKUS_DATASOURCE_JDBC_URL", jdbc);
        vars.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        vars.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        vars.putAll(org.carbonmrv.devstack.DevJwt.forTests().serviceEnvironment());
        for (int i = 0; i + 1 < env.length; i += 2) {
            vars.put(env[i], env[i + 1]);
        }
        return ServiceProcess.start(executable(root, service, form), log, "256m", vars);
    }

    /** The packaged jar, or with {@code -Dform=native} the native executable of {@code -Pnative package}. */
    static Path executable(Path root, String service, String form) {
        Path target = root.resolve(service + "/target");
        return "native".equals(form) ? target.resolve(service + "-0.1.0-SNAPSHOT-runner")
                : target.resolve("quarkus-app/quarkus-run.jar");
    }

    /** CPU time a process has used so far, in seconds. */
    static double cpuSeconds(ProcessHandle p) {
        return p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
    }

    /** CPU time every PostgreSQL process on this machine (postmaster, backends, workers) has used so far. */
    static double postgresCpuSeconds() {
        return ProcessHandle.allProcesses().filter(p -> p.info().command().map(c -> c.endsWith("/postgres"))
                .orElse(false)).mapToDouble(BenchSupport::cpuSeconds).sum();
    }

    /** An admin bearer token the benchmark's services accept. */
    static String auth() {
        return "Bearer " + org.carbonmrv.devstack.DevJwt.forTests().token("bench", "admin");
    }

    /** Registers plants (zone UTC) on the ingest-service at {@code port}: it refuses unregistered plants' files. */
    static void registerPlants(int port, String... plants) throws IOException, InterruptedException {
        for (String plant : plants) {
            // UTC: the generated logs have every minute, the skipped hour of a spring-forward day too
            String body = new io.vertx.core.json.JsonObject(org.carbonmrv.devstack.TestPlants.entry(plant, "UTC"))
                    .encode();
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://localhost:" + port + "/api/v1/plants/" + plant)).header("Authorization", auth())
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 300) {
                throw new IllegalStateException("registering " + plant + ": " + r.statusCode() + " " + r.body());
            }
        }
    }

    /** The text a GET of {@code url} answers (200 expected), e.g. a service's /q/metrics. */
    static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + r.statusCode());
        }
        return r.body();
    }

    static Path log(Path root, String service) {
        return root.resolve("bench/target/" + service + ".log");
    }

    static void awaitReady(int port, Process service) {
        ServiceProcess.awaitReady("http://localhost:" + port, service, Duration.ofSeconds(120),
                Path.of("bench/target"));
    }

    static double upload(int port, Path csv, int rows) throws Exception {
        return uploadAnswer(port, csv, rows).seconds();
    }

    /** The upload's answer and how long it took. */
    record Answer(double seconds, String body) {
    }

    static Answer uploadAnswer(int port, Path csv, int rows) throws Exception {
        String boundary = "bench-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + csv.getFileName() + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        long length = head.length + Files.size(csv) + tail.length;
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/uploads"))
                .header("Authorization", auth())
                .timeout(Duration.ofMinutes(10)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                        HttpRequest.BodyPublishers.ofFile(csv), HttpRequest.BodyPublishers.ofByteArray(tail))).build();
        long t0 = System.nanoTime();
        if (Boolean.getBoolean("threads")) {
            System.out.println("  upload sent at " + java.time.LocalTime.now());
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
        double s = (System.nanoTime() - t0) / 1e9;
        if (r.statusCode() != 201 || !r.body().contains("\"records_stored\":" + rows)) {
            throw new IllegalStateException("upload answered " + r.statusCode() + ": "
                    + r.body().substring(0, Math.min(500, r.body().length())));
        }
        return new Answer(s, r.body());
    }

    /**
     * CPU seconds of the service process and of the PostgreSQL processes since {@code before} (null: since they
     * started), per process so that a backend which exits in between does not lower the sum (Linux /proc).
     */
    record Cpu(double service, double postgres, java.util.Map<Long, Double> byPid) {

        static Cpu of(Process service) {
            java.util.Map<Long, Double> pg = new java.util.HashMap<>();
            ProcessHandle.allProcesses().filter(h -> h.info().command().orElse("").endsWith("/postgres"))
                    .forEach(h -> pg.put(h.pid(), seconds(h)));
            return new Cpu(seconds(service.toHandle()), pg.values().stream().mapToDouble(d -> d).sum(), pg);
        }

        Cpu since(Cpu before) {
            double pg = byPid.entrySet().stream()
                    .mapToDouble(e -> e.getValue() - before.byPid.getOrDefault(e.getKey(), 0.0)).sum();
            return new Cpu(service - before.service, pg, java.util.Map.of());
        }

        /** The 8 PostgreSQL processes that used the most CPU since {@code before}, with titles (investigation). */
        void printTop(Cpu before) {
            byPid.entrySet().stream().map(e -> java.util.Map.entry(e.getKey(),
                    e.getValue() - before.byPid.getOrDefault(e.getKey(), 0.0)))
                    .sorted(java.util.Map.Entry.comparingByValue(java.util.Comparator.reverseOrder())).limit(8)
                    .forEach(e -> System.out.printf("    %-40s %.2f s%n", title(e.getKey()), e.getValue()));
        }

        private static String title(long pid) {
            try {
                return Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ').strip();
            } catch (IOException e) {
                return "pid " + pid + " (ended)";
            }
        }

        private static double seconds(ProcessHandle h) {
            return h.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
        }
    }

    /** CPU seconds per thread name (digits folded) of a process (Linux /proc; -Dthreads=true, investigation). */
    static java.util.Map<String, Double> threadCpu(long pid) throws java.io.IOException {
        java.util.Map<String, Double> out = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path t : tasks.toList()) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("\\d+", "#");
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    out.merge(name, (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0, Double::sum);
                } catch (java.io.IOException e) {
                    // the thread ended
                }
            }
        }
        return out;
    }

    /** CPU seconds of a process's JIT compiler threads since {@code before} ({@link #threadCpu}). */
    static double jitCpu(long pid, java.util.Map<String, Double> before) throws IOException {
        return threadCpu(pid).entrySet().stream().filter(e -> e.getKey().contains("CompilerThre"))
                .mapToDouble(e -> e.getValue() - before.getOrDefault(e.getKey(), 0.0)).sum();
    }

    /** The 8 threads of a process that used the most CPU since {@code before} (-Dthreads=true, investigation). */
    static void printThreadCpu(long pid, java.util.Map<String, Double> before) throws IOException {
        java.util.Map<String, Double> threads = threadCpu(pid);
        threads.replaceAll((k, v) -> v - before.getOrDefault(k, 0.0));
        threads.entrySet().stream().sorted(java.util.Map.Entry.comparingByValue(java.util.Comparator.reverseOrder()))
                .limit(8).forEach(e -> System.out.printf("    %-40s %.2f s%n", e.getKey(), e.getValue()));
    }

    static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static long peakRssKb(long pid) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (l.startsWith("VmHWM:")) {
                return Long.parseLong(l.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * The daily statistics ingest writes with an upload (ingest.sensor_day_stats, UTC days), for readings a benchmark
     * wrote by SQL: {@code where} selects them from ingest.sensor_reading.
     */
    static String dayStatsOf(String where) {
        return "insert into ingest.sensor_day_stats (plant, upload_id, series_id, day, time_zone, readings, "
                + "numeric_readings, value_sum, value_min, value_max) select plant, upload_id, series_id, "
                + "(ts at time zone 'UTC')::date, 'UTC', count(*), count(value), sum(value), min(value), max(value) "
                + "from ingest.sensor_reading where " + where + " group by 1, 2, 3, 4";
    }
}
