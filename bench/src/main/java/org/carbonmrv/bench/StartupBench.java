package org.carbonmrv.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import org.carbonmrv.devstack.EmbeddedPostgres;

/**
 * Start-up to ready and idle memory of the three services, the JVM jar against the native executable on the same
 * machine: each form starts ingest, qaqc and mrv in turn on a fresh database (so each runs its migrations), times
 * process start to the first 200 of {@code /q/health/ready}, reads the resident set 5 s after the last one is
 * ready, stops them and does the same again on the migrated database (as a replaced task starts in production). Run
 * with {@code ./bench/run-startup-bench.sh} after {@code ./deploy/native/verify-native.sh}.
 */
public final class StartupBench {

    private static final List<String> SERVICES = List.of("ingest-service", "qaqc-service", "mrv-service");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private record Started(String service, Process process, double readyS) {
    }

    /** Ready and idle RSS on a fresh database (migrations run) and again on the migrated one (a task replaced). */
    private record Measured(String service, double readyS, double migratedReadyS, double rssMb,
            double migratedRssMb) {
    }

    private StartupBench() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
        int rounds = Integer.getInteger("rounds", 3);
        Map<String, List<Measured>> byForm = new HashMap<>();
        System.out.printf("%-15s %-7s %9s %12s %12s %12s%n", "service", "form", "ready_s", "migrated_s",
                "idle_rss_mb", "migrated_mb");
        for (String form : List.of("jvm", "native")) {
            for (int r = 0; r < rounds; r++) {
                for (Measured m : round(root, form)) {
                    System.out.printf("%-15s %-7s %9.3f %12.3f %12.1f %12.1f%n", m.service(), form, m.readyS(),
                            m.migratedReadyS(), m.rssMb(), m.migratedRssMb());
                    byForm.computeIfAbsent(form, f -> new ArrayList<>()).add(m);
                }
            }
        }
        printRatios(byForm);
    }

    /** Medians per service and form, and native over JVM (the baseline of the same run). */
    private static void printRatios(Map<String, List<Measured>> byForm) {
        System.out.printf("%nmedians over rounds (fresh database / migrated one)%n%-15s %17s %17s %8s %13s %13s "
                + "%8s%n", "service", "jvm_ready_s", "nat_ready_s", "ratio", "jvm_rss_mb", "nat_rss_mb", "ratio");
        for (String service : SERVICES) {
            Measured jvm = median(byForm.get("jvm"), service);
            Measured nat = median(byForm.get("native"), service);
            System.out.printf("%-15s %8.3f/%8.3f %8.3f/%8.3f %8.3f %6.1f/%6.1f %6.1f/%6.1f %8.3f%n", service,
                    jvm.readyS(), jvm.migratedReadyS(), nat.readyS(), nat.migratedReadyS(), nat.readyS() / jvm.readyS(),
                    jvm.rssMb(), jvm.migratedRssMb(), nat.rssMb(), nat.migratedRssMb(), nat.rssMb() / jvm.rssMb());
        }
    }

    /** Each figure's median over the service's rounds. */
    private static Measured median(List<Measured> all, String service) {
        List<Measured> mine = all.stream().filter(m -> m.service().equals(service)).toList();
        return new Measured(service, median(mine, Measured::readyS), median(mine, Measured::migratedReadyS),
                median(mine, Measured::rssMb), median(mine, Measured::migratedRssMb));
    }

    private static double median(List<Measured> mine, ToDoubleFunction<Measured> figure) {
        return BenchSupport.median(mine.stream().mapToDouble(figure).toArray());
    }

    private static List<Measured> round(Path root, String form) throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.startEphemeral()) {
            String jdbc = pg.jdbcUrl("postgres");
            List<Started> fresh = startAll(root, form, jdbc);
            List<Double> rssMb = idleRssThenStop(fresh);
            List<Started> again = startAll(root, form, jdbc);
            List<Double> againRssMb = idleRssThenStop(again);
            List<Measured> measured = new ArrayList<>();
            for (int i = 0; i < fresh.size(); i++) {
                measured.add(new Measured(fresh.get(i).service(), fresh.get(i).readyS(), again.get(i).readyS(),
                        rssMb.get(i), againRssMb.get(i)));
            }
            return measured;
        }
    }

    /** Each one's resident set 5 s after the last is ready, in MB; then they are stopped. */
    private static List<Double> idleRssThenStop(List<Started> started) throws Exception {
        try {
            Thread.sleep(5000);
            List<Double> rssMb = new ArrayList<>();
            for (Started s : started) {
                rssMb.add(rssKb(s.process().pid()) / 1024.0);
            }
            return rssMb;
        } finally {
            stop(started);
        }
    }

    private static List<Started> startAll(Path root, String form, String jdbc) throws Exception {
        List<Started> started = new ArrayList<>();
        try {
            for (String service : SERVICES) {
                started.add(start(root, service, form, jdbc));
            }
            return started;
        } catch (Exception | Error e) {
            stop(started);
            throw e;
        }
    }

    private static void stop(List<Started> started) throws InterruptedException {
        for (Started s : started) {
            s.process().destroy();
            s.process().waitFor();
        }
    }

    private static Started start(Path root, String service, String form, String jdbc) throws Exception {
        int port = BenchSupport.freePort();
        long t0 = System.nanoTime();
        Process p = BenchSupport.startService(root, service, form, BenchSupport.log(root, service + "-" + form), jdbc,
                port);
        awaitReady(port, p);
        return new Started(service, p, (System.nanoTime() - t0) / 1e9);
    }

    private static void awaitReady(int port, Process p) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline && p.isAlive()) {
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("not ready on port " + port + " (alive: " + p.isAlive() + ")");
    }

    private static long rssKb(long pid) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (l.startsWith("VmRSS:")) {
                return Long.parseLong(l.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}
