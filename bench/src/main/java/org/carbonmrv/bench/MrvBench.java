package org.carbonmrv.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.carbonmrv.devstack.EmbeddedPostgres;
import org.carbonmrv.devstack.Metrics;

/**
 * mrv-service benchmark (not a test). Generates 10 plants × 5 years of daily inputs (operations days, four calcium
 * readings a day, their qaqc grades) straight into the ingest and qaqc tables, then:
 * <ol>
 * <li>recomputes every plant through {@code POST /api/v1/recompute} (first run: every figure new; later runs:
 * every figure unchanged), against a baseline: the same daily figures computed by one SQL query in PostgreSQL;</li>
 * <li>loads {@code GET /api/v1/removals} for one plant-year with 32 concurrent clients: p50/p99 and req/s, against
 * {@code GET /q/health/live} under the same load (the HTTP floor), from a one-thread event-loop client
 * ({@link HttpLoad}), with 100 plants x 5 years of figures stored;</li>
 * <li>loads the dashboard view of one plant-year with its pH chart (a year of two probes' minutes) with 16 clients;</li>
 * <li>recomputes one plant-year after a change of its calcium readings (a lab re-upload), five times.</li>
 * </ol>
 * Usage: {@code bench/run-mrv-bench.sh}.
 */
public final class MrvBench {

    static final int PLANTS = 10;
    static final int DAYS = 1827; // 2020-01-01 .. 2024-12-31
    /**
     * Plants with the same kind of inputs, recomputed to warm a freshly started service up (not measured): after 20,
     * the JIT compiler still used 1.0-1.6 s of CPU during the measured round (more than the service's own work);
     * after 80, 0.07-0.45 s (mostly under 0.25 s). 90 of them with the 10 measured make the fleet of issue 20:
     * 100 plants x 5 years of figures stored when the reads are measured.
     */
    static final int WARMUP_PLANTS = Integer.getInteger("warmup", 90);

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int clients = Integer.getInteger("clients", 32);
        int seconds = Integer.getInteger("seconds", 20);
        try (EmbeddedPostgres pg = EmbeddedPostgres.startEphemeral()) {
            String jdbc = pg.jdbcUrl("postgres");
            List<Process> services = new ArrayList<>();
            try {
                int ingestPort = BenchSupport.freePort();
                services.add(BenchSupport.startService(root, "ingest-service", jdbc, ingestPort));
                BenchSupport.awaitReady(ingestPort, services.get(0));
                int qaqcPort = BenchSupport.freePort();
                services.add(BenchSupport.startService(root, "qaqc-service", jdbc, qaqcPort, "QAQC_WORKER_ENABLED",
                        "false"));
                BenchSupport.awaitReady(qaqcPort, services.get(1));
                int port = BenchSupport.freePort();
                // investigation: -Dmrv.jvm adds JVM options to both mrv-services (a flight recording…; Java 17 does
                // not expand %p in its file name, so the restarted service's recording replaces the first one's)
                String jvm = System.getProperty("mrv.jvm", "");
                services.add(BenchSupport.startService(root, "mrv-service", jdbc, port, "MRV_WORKER_ENABLED",
                        "false", "QUARKUS_LOG_CATEGORY__ORG_CARBONMRV_MRV_REMOVAL__LEVEL", "DEBUG",
                        "JAVA_TOOL_OPTIONS", jvm));
                BenchSupport.awaitReady(port, services.get(2));
                generate(jdbc);
                System.out.printf("generated %d plants x %d days: %,d operations days, %,d calcium readings%n",
                        PLANTS, DAYS, PLANTS * DAYS, PLANTS * DAYS * 4);

                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                for (int round = 1; round <= Integer.getInteger("rounds", 4); round++) {
                    // rounds 1-2 one request at a time; rounds 3-4 two at a time (one per core), as two operators
                    int parallel = round <= 2 ? 1 : 2;
                    ExecutorService pool = Executors.newFixedThreadPool(parallel);
                    if (round == 1 || round == 3) {
                        // a long-running service is warm: the same work, as many at a time, on plants not measured
                        // (JIT, pools)
                        List<Future<Long>> warm = new ArrayList<>();
                        for (int w = 1; w <= WARMUP_PLANTS; w++) {
                            String plant = "WARMUP_" + w;
                            warm.add(pool.submit(() -> recompute(http, port, plant)));
                        }
                        for (Future<Long> f : warm) {
                            f.get();
                        }
                        // the warm-up's (and the generated inputs') writes vacuumed and analysed now: autovacuum
                        // would otherwise take a core during the measured round for work it did not cause
                        vacuum(jdbc);
                    }
                    BenchSupport.Cpu cpu0 = BenchSupport.Cpu.of(services.get(2));
                    java.util.Map<String, Double> threads0 = BenchSupport.threadCpu(services.get(2).pid());
                    long t0 = System.nanoTime();
                    List<Future<Long>> answers = new ArrayList<>();
                    for (int p = 1; p <= PLANTS; p++) {
                        String plant = plant(p);
                        answers.add(pool.submit(() -> recompute(http, port, plant)));
                    }
                    long newVersions = 0;
                    for (Future<Long> a : answers) {
                        newVersions += a.get();
                    }
                    double s = (System.nanoTime() - t0) / 1e9;
                    BenchSupport.Cpu cpu = BenchSupport.Cpu.of(services.get(2));
                    double jit = BenchSupport.jitCpu(services.get(2).pid(), threads0);
                    pool.shutdown();
                    double sql = sqlBaseline(jdbc);
                    System.out.printf("recompute round %d (%d request(s) at a time): %,d plant-days in %.3f s (%,d new "
                            + "versions; target <= 2 s); SQL-only baseline %.3f s; ratio %.2f%n", round, parallel,
                            PLANTS * DAYS, s, newVersions, sql, s / sql);
                    System.out.printf("  CPU during the round: mrv-service %.2f s (of which its JIT compiler %.2f s), "
                            + "PostgreSQL %.2f s (2 cores x %.2f s = %.2f s)%n", cpu.since(cpu0).service(),
                            jit, cpu.since(cpu0).postgres(), s, 2 * s);
                    if (Boolean.getBoolean("threads")) {
                        BenchSupport.printThreadCpu(services.get(2).pid(), threads0);
                        cpu.printTop(cpu0);
                    }
                    if (round == 2) {
                        // make every figure change again (new methodology: another flow-meter uncertainty)
                        services.get(2).destroy();
                        services.get(2).waitFor();
                        services.set(2, BenchSupport.startService(root, "mrv-service", jdbc, port,
                                "MRV_WORKER_ENABLED", "false", "MRV_UNCERTAINTY_FLOW_RELATIVE", "0.04",
                                "QUARKUS_LOG_CATEGORY__ORG_CARBONMRV_MRV_REMOVAL__LEVEL", "DEBUG",
                                "JAVA_TOOL_OPTIONS", jvm));
                        BenchSupport.awaitReady(port, services.get(2));
                    }
                }

                if (Integer.getInteger("hold", 0) > 0) {
                    // investigation: keep the database and services up (e.g. for EXPLAIN in psql,
                    // or HttpLoad against other URLs)
                    Path token = Files.writeString(root.resolve("bench/target/hold-authorization"),
                            BenchSupport.auth());
                    System.out.println("holding " + jdbc + " mrv on port " + port + ", authorization in " + token);
                    Thread.sleep(Integer.getInteger("hold") * 1000L);
                }
                // the recomputes' writes vacuumed and analysed now, so that autovacuum does not take a core during
                // the latency measurement
                vacuum(jdbc);
                String list = "http://localhost:" + port + "/api/v1/removals?plant=" + plant(1)
                        + "&from=2022-01-01&to=2022-12-31&size=366";
                String floor = "http://localhost:" + port + "/q/health/live";
                // asked twice: an answer is compressed when it is asked for again
                HttpResponse<byte[]> zipped = null;
                for (int i = 0; i < 2; i++) {
                    zipped = http.send(HttpRequest.newBuilder(URI.create(list)).header("Authorization",
                            BenchSupport.auth()).header("Accept-Encoding", "gzip").build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                }
                String text = new String(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(
                        zipped.body())).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                if (!text.contains("\"total\":365")) {
                    throw new IllegalStateException("the plant-year answer is not 365 days: " + text.substring(0, 200));
                }
                System.out.printf("one plant-year answer: %,d bytes of JSON, %,d gzipped%n", text.length(),
                        zipped.body().length);
                String auth = BenchSupport.auth();
                // warm-up: after 5 s of the list, its JIT compiler still used 4.5 s of CPU in the 20 s measured
                HttpLoad.run(floor, auth, clients, 3);
                HttpLoad.run(list, auth, clients, 20);
                HttpLoad.Result f = HttpLoad.run(floor, auth, clients, seconds);
                java.util.Map<String, Double> threads0 = BenchSupport.threadCpu(services.get(2).pid());
                HttpLoad.Result r = HttpLoad.run(list, auth, clients, seconds);
                double jit = BenchSupport.jitCpu(services.get(2).pid(), threads0);
                System.out.printf("GET one plant-year (365 days), %d clients, %d s: p50 %.2f ms, p99 %.2f ms, %,.0f "
                        + "req/s, %,.0f bytes each (target p99 <= 20 ms); JIT compiler CPU meanwhile %.2f s%n", clients,
                        seconds, r.p50Ms(), r.p99Ms(), r.perSecond(), r.meanBytes(), jit);
                System.out.printf("GET /q/health/live (floor), same load:       p50 %.2f ms, p99 %.2f ms, %,.0f "
                        + "req/s%n", f.p50Ms(), f.p99Ms(), f.perSecond());
                System.out.printf("ratio p99 list / p99 floor %.2f; req/s floor / list %.2f%n", r.p99Ms() / f.p99Ms(),
                        f.perSecond() / r.perSecond());
                String dashboardUrl = "http://localhost:" + port + "/dashboard/view?plant=" + plant(1)
                        + "&from=2022-01-01&to=2022-12-31";
                HttpLoad.run(dashboardUrl, auth, 16, 5);
                ProcessHandle mrv = services.get(2).toHandle();
                double mrv0 = BenchSupport.cpuSeconds(mrv);
                double pg0 = BenchSupport.postgresCpuSeconds();
                HttpLoad.Result d = HttpLoad.run(dashboardUrl, auth, 16, seconds);
                double mrv1 = BenchSupport.cpuSeconds(mrv);
                double pg1 = BenchSupport.postgresCpuSeconds();
                System.out.printf("dashboard view of one plant-year with its pH chart (%,d readings), 16 clients: "
                        + "p50 %.2f ms, p99 %.2f ms, %,.0f req/s, %,.0f bytes each (target p99 <= 50 ms); CPU per "
                        + "request: mrv-service %.1f ms, PostgreSQL %.1f ms%n", 2 * 525_600, d.p50Ms(), d.p99Ms(),
                        d.perSecond(), d.meanBytes(), perRequestMs(mrv1 - mrv0, d, seconds),
                        perRequestMs(pg1 - pg0, d, seconds));
                firstViews(port, auth, seconds);
                plantYearAfterLabChange(http, port, jdbc);
                System.out.printf("mrv-service peak RSS (VmHWM) %.0f MB%n",
                        BenchSupport.peakRssKb(services.get(2).pid()) / 1024.0);
            } finally {
                for (Process p : services) {
                    p.destroy();
                }
                for (Process p : services) {
                    p.waitFor();
                }
            }
        }
    }

    /**
     * Views seen for the first time at this data revision: every plant-year of the 100 plants in turn (500, more
     * than the cache holds), so that most are rendered from the database; the cache's own counters say how many.
     */
    static void firstViews(int port, String auth, int seconds) throws Exception {
        List<String> urls = new ArrayList<>();
        for (int year = 2020; year <= 2024; year++) {
            for (int p = 1; p <= PLANTS + WARMUP_PLANTS; p++) {
                urls.add("http://localhost:" + port + "/dashboard/view?plant=" + (p <= PLANTS ? plant(p)
                        : "WARMUP_" + (p - PLANTS)) + "&from=" + year + "-01-01&to=" + year + "-12-31");
            }
        }
        String metrics = "http://localhost:" + port + "/q/metrics";
        Metrics before = Metrics.parse(BenchSupport.get(metrics));
        HttpLoad.Result r = HttpLoad.run(urls, auth, 16, seconds);
        Metrics after = Metrics.parse(BenchSupport.get(metrics));
        System.out.printf("dashboard views of 500 plant-years in turn, 16 clients: p50 %.2f ms, p99 %.2f ms, %,.0f "
                + "req/s, %,.0f bytes each; %.0f rendered from the database, %.0f from memory%n", r.p50Ms(),
                r.p99Ms(), r.perSecond(), r.meanBytes(), dashboardCache(after, "miss") - dashboardCache(before, "miss"),
                dashboardCache(after, "hit") - dashboardCache(before, "hit"));
    }

    private static double dashboardCache(Metrics m, String result) {
        return m.sum("carbonmrv_mrv_cache_requests_total", "cache", "dashboard", "result", result);
    }

    private static double perRequestMs(double cpuSeconds, HttpLoad.Result r, int seconds) {
        return cpuSeconds * 1000 / (r.perSecond() * seconds);
    }

    /**
     * A lab re-upload that changes a year of one plant's calcium (every secondary-clarifier value moved by 0.5 mg/L,
     * as ingest would store it), then the recompute of that plant-year: five times, alternating the direction so that
     * every round writes 365 new versions.
     */
    static void plantYearAfterLabChange(HttpClient http, int port, String jdbc) throws Exception {
        double[] s = new double[5];
        long versions = 0;
        for (int round = 0; round < s.length; round++) {
            try (Connection c = DriverManager.getConnection(jdbc, "postgres", ""); Statement st = c.createStatement()) {
                st.execute("update ingest.lab_reading set value = value " + (round % 2 == 0 ? "+" : "-") + " 0.5 "
                        + "where plant = '" + plant(2) + "' and point = 'secondary_clarifier' and sample_date "
                        + "between '2023-01-01' and '2023-12-31'");
            }
            long t0 = System.nanoTime();
            versions += recompute(http, port, plant(2), "2023-01-01", "2023-12-31");
            s[round] = (System.nanoTime() - t0) / 1e9;
        }
        double[] sorted = s.clone();
        java.util.Arrays.sort(sorted);
        System.out.printf("recompute of one plant-year after a lab change: median %.3f s, max %.3f s of %d rounds "
                + "(%s s), %,d new versions (365 a round; target <= 0.5 s)%n", sorted[s.length / 2],
                sorted[s.length - 1], s.length, java.util.Arrays.toString(s), versions);
    }

    /** @return new current versions */
    static long recompute(HttpClient http, int port, String plant) throws Exception {
        return recompute(http, port, plant, "2020-01-01", "2024-12-31");
    }

    static long recompute(HttpClient http, int port, String plant, String from, String to) throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/recompute"))
                .header("Authorization", BenchSupport.auth())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"plant\":\""
                        + plant + "\",\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"by\":\"bench\"}"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"new_current_versions\":(\\d+)").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("recompute answered " + body);
        }
        return Long.parseLong(m.group(1));
    }

    static String plant(int p) {
        return String.format("BENCH_%02d", p);
    }

    /** The daily figures of every plant in one SQL query (flow × (mean down − mean up) × K), rows fetched. */
    static void vacuum(String jdbc) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", ""); Statement st = c.createStatement()) {
            st.execute("vacuum (analyze)");
        }
    }

    static double sqlBaseline(String jdbc) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", ""); Statement st = c.createStatement()) {
            long t0 = System.nanoTime();
            int n = 0;
            try (ResultSet rs = st.executeQuery("select o.plant, o.day, o.effluent_flow_mgd * (avg(r.value) filter "
                    + "(where r.point = 'secondary_clarifier') - avg(r.value) filter (where r.point = "
                    + "'primary_clarifier')) * 0.0041567443833 from ingest.v_ops_day_current o "
                    + "left join ingest.v_lab_reading r on r.plant = o.plant and r.sample_date = o.day "
                    + "left join (select * from qaqc.v_record_flag where record_type = 'lab' and plant in ("
                    + benchPlants() + ")) f on f.record_id = r.record_id "
                    + "where o.plant in (" + benchPlants() + ") and coalesce(f.flag, 1) not in (4, 9) "
                    + "group by o.plant, o.day, o.effluent_flow_mgd")) {
                while (rs.next()) {
                    n++;
                }
            }
            if (n != PLANTS * DAYS) {
                throw new IllegalStateException("baseline gave " + n + " days");
            }
            return (System.nanoTime() - t0) / 1e9;
        }
    }

    /** The measured plants as an SQL list. */
    private static String benchPlants() {
        return java.util.stream.IntStream.rangeClosed(1, PLANTS).mapToObj(p -> "'" + plant(p) + "'")
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** The plant named by number {@code p} (SQL): BENCH_01 … BENCH_10, then WARMUP_1 …. */
    private static String plantSql(String p, int n) {
        return "case when " + p + " > " + PLANTS + " then 'WARMUP_' || (" + p + ") - " + PLANTS + " else 'BENCH_' || "
                + "lpad((" + p + ")::text, 2, '0') end";
    }

    /** Inputs straight into ingest's and qaqc's tables (as those services would have written them). */
    static void generate(String jdbc) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", ""); Statement st = c.createStatement()) {
            st.execute("select setseed(0.42)");
            int n = PLANTS + WARMUP_PLANTS;
            String plant = plantSql("p", n);
            st.execute("insert into ingest.upload (id, status, kind, record_type, plants, file_name, size_bytes, "
                    + "sha256, received_at, generated_at) select 1000000 + g, 'ACCEPTED', "
                    + "case when g <= " + n + " then 'ops-mpor' else 'lab-calcium' end, case when g <= " + n
                    + " then 'ops' else 'lab' end, array[" + plantSql("((g - 1) % " + n + " + 1)", n) + "], "
                    + "'bench-' || g || '.xlsx', 0, lpad(to_hex(1000000 + g), 64, '0'), now(), now() "
                    + "from generate_series(1, " + 2 * n + ") g");
            st.execute("insert into ingest.ops_day (upload_id, sheet, row_num, plant, day, effluent_flow_mgd, "
                    + "effluent_flow_max_mgd, effluent_flow_min_mgd, bypass_flow_mgd) select 1000000 + p, 'S', "
                    + "13 + d, " + plant + ", date '2020-01-01' + d, 8 + random() * 4, 14, 6, 0 "
                    + "from generate_series(1, " + n + ") p, generate_series(0, " + (DAYS - 1) + ") d");
            st.execute("insert into ingest.lab_reading (upload_id, row_num, plant, sample_date, unique_id, point, "
                    + "parameter, unit, value, uncertainty, replicate) select 1000000 + " + n + " + p, "
                    + "2 + d * 4 + s * 2 + r, " + plant + ", date '2020-01-01' + d, 'B' || p || '_' || d || '_' "
                    + "|| s || r, case s when 0 then 'primary_clarifier' else 'secondary_clarifier' end, 'calcium', "
                    + "'mg/L', 40 + s * 6 + random() * 4, case when r = 1 then 0.5 end, r "
                    + "from generate_series(1, " + n + ") p, generate_series(0, " + (DAYS - 1) + ") d, "
                    + "generate_series(0, 1) s, generate_series(1, 2) r");
            st.execute("insert into qaqc.grade (record_type, record_id, job_id, config_version, flag, test_names, "
                    + "test_flags, reasons, plant, parameter, ts) select 'lab', id, 0, 1, case when random() < 0.03 "
                    + "then 4 when random() < 0.1 then 3 else 1 end, '{}', '{}', '{}', plant, parameter, "
                    + "sample_date from ingest.lab_reading where upload_id > 1000000 + " + n);
            st.execute("insert into qaqc.grade (record_type, record_id, job_id, config_version, flag, test_names, "
                    + "test_flags, reasons, plant, parameter, ts) select 'ops', id, 0, 1, 1, '{}', '{}', '{}', "
                    + "plant, 'effluent_flow_mgd', day from ingest.ops_day "
                    + "where upload_id between 1000001 and 1000000 + " + n);
            phYear(st);
            st.execute("analyze");
        }
    }

    /** A year of both pH probes' minutes for the plant whose dashboard is measured (2022, UTC). */
    private static void phYear(Statement st) throws SQLException {
        st.execute("select ingest.ensure_sensor_month(m::date) from generate_series(date '2022-01-01', "
                + "date '2022-12-01', interval '1 month') m");
        st.execute("insert into ingest.sensor_series (plant, sensor_id, point, unit) select '" + plant(1) + "', s, "
                + "'secondary_clarifier', 'pH' from unnest(array['PH0101', 'PH0102']) s");
        st.execute("insert into ingest.upload (id, status, kind, record_type, plants, file_name, size_bytes, sha256, "
                + "received_at) values (2000000, 'ACCEPTED', 'sensor-ph', 'sensor', array['" + plant(1) + "'], "
                + "'bench-ph.csv', 0, lpad(to_hex(2000000), 64, '0'), now())");
        st.execute("insert into ingest.sensor_reading (plant, upload_id, row_num, series_id, ts, value) "
                + "select '" + plant(1) + "', 2000000, (row_number() over ())::int + 1, s.id, t, 7 + random() * 0.4 "
                + "from generate_series(timestamptz '2022-01-01 00:00+00', timestamptz '2022-12-31 23:59+00', "
                + "interval '1 minute') t cross join ingest.sensor_series s where s.plant = '" + plant(1) + "' "
                + "order by t, s.id");
        st.execute(BenchSupport.dayStatsOf("upload_id = 2000000"));
    }
}
