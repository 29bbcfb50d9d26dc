package org.carbonmrv.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;

import org.carbonmrv.devstack.EmbeddedPostgres;

/**
 * How the cost of an upload, its grading and the reads of a plant-day grow with what is stored: the same operations
 * on an empty database and on one preloaded with ~50 million readings and their grades (50 plants x 2 probes x a
 * minute each for 2024, written in the services' own formats by SQL, graded GOOD), in one run. The preloaded
 * database is kept under {@code bench/target/growth-db} and reused by the next run.
 */
public final class GrowthBench {

    private static final int PLANTS = 50;
    private static final int ROWS = 1_000_000;
    private static final int ROUNDS = 3;
    /** The measured upload: the probes' next export after the preloaded year. */
    private static final LocalDateTime MEASURED_START = LocalDateTime.of(2025, 1, 1, 0, 0);
    private static final String DAY = "2025-01-10";
    private static final String NEXT_DAY = "2025-01-11";

    private record Figures(double uploadS, double gradingS, Reads kept, Reads readEachTime, long readingsStored,
            long databaseBytes, double ingestRssMb, double qaqcRssMb) {
    }

    /** The three reads under load: a plant-day of readings, a plant-month's summary, page 1,000 of its grades. */
    private record Reads(Load readings, Load summary, Load gradesPage) {
    }

    /** A load's latencies and what a request cost in CPU: the service's and PostgreSQL's, in ms per request. */
    private record Load(HttpLoad.Result http, double serviceCpuMs, double postgresCpuMs) {
    }

    private GrowthBench() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Path dir = Files.createDirectories(root.resolve("bench/target"));
        Path csv = dir.resolve("ph-growth.csv");
        IngestBench.generate(csv, ROWS, MEASURED_START);
        Figures empty;
        try (EmbeddedPostgres pg = EmbeddedPostgres.startEphemeral()) {
            empty = measure(root, pg.jdbcUrl("postgres"), csv, false);
        }
        Figures big;
        if (!Boolean.parseBoolean(System.getProperty("big", "true"))) {
            print(empty, empty);
            return;
        }
        Path data = dir.resolve("growth-db");
        boolean reuse = Files.exists(data.resolve("PG_VERSION"));
        try (EmbeddedPostgres pg = EmbeddedPostgres.startPersistent(data, BenchSupport.freePort())) {
            String jdbc = pg.jdbcUrl("postgres");
            if (reuse) {
                resetMeasuredPlant(jdbc); // a run that ended early left its uploads
            }
            big = measure(root, jdbc, csv, !reuse);
            resetMeasuredPlant(jdbc);
        }
        print(empty, big);
    }

    private static Figures measure(Path root, String jdbc, Path csv, boolean preload) throws Exception {
        int ingestPort = BenchSupport.freePort();
        Process ingest = BenchSupport.startService(root, "ingest-service", jdbc, ingestPort);
        int qaqcPort = BenchSupport.freePort();
        Process qaqc = null;
        try {
            BenchSupport.awaitReady(ingestPort, ingest);
            BenchSupport.registerPlants(ingestPort, plants());
            qaqc = BenchSupport.startService(root, "qaqc-service", jdbc, qaqcPort, "QAQC_WORKER_POLL", "1s",
                    "QUARKUS_LOG_CATEGORY__ORG_CARBONMRV_QAQC_GRADING__LEVEL", "DEBUG");
            BenchSupport.awaitReady(qaqcPort, qaqc);
            if (preload) {
                preload(jdbc);
            }
            Path warm = root.resolve("bench/target/ph-growth-warmup.csv");
            IngestBench.generate(warm, 200_000, MEASURED_START.minusYears(3));
            GradingBench.awaitGraded(qaqcPort, GradingBench.uploadId(BenchSupport.uploadAnswer(ingestPort, warm,
                    200_000)));
            // three uploads, each the probes' next export after the one before (medians: one upload alone varied by
            // half between runs)
            double[] upload = new double[ROUNDS];
            double[] grading = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                Path file = round == 0 ? csv : root.resolve("bench/target/ph-growth-" + round + ".csv");
                if (round > 0) {
                    IngestBench.generate(file, ROWS, MEASURED_START.plusYears(round));
                }
                long t0 = System.nanoTime();
                BenchSupport.Answer up = BenchSupport.uploadAnswer(ingestPort, file, ROWS);
                upload[round] = (System.nanoTime() - t0) / 1e9;
                long uploadId = GradingBench.uploadId(up);
                GradingBench.awaitGraded(qaqcPort, uploadId);
                grading[round] = GradingBench.jobMillis(BenchSupport.log(root, "qaqc-service"), uploadId) / 1000.0;
            }
            double uploadS = median(upload);
            double gradingS = median(grading);
            // the uploads' rows vacuumed and analysed now, else autovacuum takes a core during the reads' load
            MrvBench.vacuum(jdbc);
            Reads kept = reads(ingestPort, qaqcPort, ingest, qaqc);
            double ingestRss = BenchSupport.peakRssKb(ingest.pid()) / 1024.0;
            double qaqcRss = BenchSupport.peakRssKb(qaqc.pid()) / 1024.0;
            // the same reads with no answer kept in memory: every request reads the database
            stop(qaqc);
            stop(ingest);
            ingest = BenchSupport.startService(root, "ingest-service", jdbc, ingestPort, "INGEST_READ_CACHE_MB", "0");
            BenchSupport.awaitReady(ingestPort, ingest);
            qaqc = BenchSupport.startService(root, "qaqc-service", jdbc, qaqcPort, "QAQC_READ_CACHE_MB", "0");
            BenchSupport.awaitReady(qaqcPort, qaqc);
            Reads readEachTime = reads(ingestPort, qaqcPort, ingest, qaqc);
            long[] size = sizes(jdbc);
            hold(jdbc, ingestPort, qaqcPort);
            return new Figures(uploadS, gradingS, kept, readEachTime, size[0], size[1], ingestRss, qaqcRss);
        } finally {
            stop(qaqc);
            stop(ingest);
        }
    }

    private static Reads reads(int ingestPort, int qaqcPort, Process ingest, Process qaqc) throws Exception {
        String auth = BenchSupport.auth();
        return new Reads(load(readingsUrl(ingestPort), auth, ingest), load(summaryUrl(qaqcPort), auth, qaqc),
                load(gradesPageUrl(qaqcPort), auth, qaqc));
    }

    private static final int LOAD_SECONDS = 15;

    /** 5 s of warm-up, then 15 s of 16 clients, with the CPU time the service and PostgreSQL spent meanwhile. */
    private static Load load(String url, String auth, Process service) throws Exception {
        HttpLoad.run(url, auth, 16, 5);
        double service0 = BenchSupport.cpuSeconds(service.toHandle());
        double pg0 = BenchSupport.postgresCpuSeconds();
        HttpLoad.Result r = HttpLoad.run(url, auth, 16, LOAD_SECONDS);
        double requests = r.perSecond() * LOAD_SECONDS;
        return new Load(r, (BenchSupport.cpuSeconds(service.toHandle()) - service0) * 1000 / requests,
                (BenchSupport.postgresCpuSeconds() - pg0) * 1000 / requests);
    }

    private static double median(double[] v) {
        double[] sorted = v.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Investigation: {@code -Dhold=seconds} keeps the database and services up after the measurement. */
    private static void hold(String jdbc, int ingestPort, int qaqcPort) throws Exception {
        if (Integer.getInteger("hold", 0) > 0) {
            Path token = Files.writeString(Path.of("bench/target/hold-authorization"), BenchSupport.auth());
            System.out.printf("holding %s, ingest on %d, qaqc on %d, authorization in %s%n", jdbc, ingestPort,
                    qaqcPort, token.toAbsolutePath());
            Thread.sleep(Integer.getInteger("hold") * 1000L);
        }
    }

    private static String readingsUrl(int port) {
        return "http://localhost:" + port + "/api/v1/plants/PLANT_BENCH/sensor-readings?from=" + DAY + "T00:00:00&to="
                + NEXT_DAY + "T00:00:00&size=5000";
    }

    private static String summaryUrl(int port) {
        return "http://localhost:" + port + "/api/v1/grades/summary?plant=PLANT_BENCH&from=2025-01-01&to=2025-01-31";
    }

    /** Page 1,000 of 500 of the plant's sensor grades: readings 500,000 to 500,499 of the measured upload. */
    private static String gradesPageUrl(int port) {
        return "http://localhost:" + port + "/api/v1/grades?plant=PLANT_BENCH&record_type=sensor&from=2025-01-01"
                + "&size=500&page=1000";
    }

    private static String[] plants() {
        String[] plants = new String[PLANTS];
        plants[0] = "PLANT_BENCH";
        for (int p = 1; p < PLANTS; p++) {
            plants[p] = String.format("PLANT_G%02d", p);
        }
        return plants;
    }

    /**
     * A month of both probes' minutes per plant as one accepted upload with its series' spans, then its grades in
     * qaqc's compact form (a row per series and day, every reading GOOD) under a DONE job, as the grader writes them.
     */
    private static void preload(String jdbc) throws Exception {
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", ""); Statement st = c.createStatement()) {
            st.execute("select ingest.ensure_sensor_month(m::date) from generate_series(date '2024-01-01', "
                    + "date '2024-12-01', interval '1 month') m");
            st.execute("select qaqc.ensure_sensor_grade_month(m::date) from generate_series(date '2024-01-01', "
                    + "date '2024-12-01', interval '1 month') m");
            for (String plant : plants()) {
                st.execute("insert into ingest.sensor_series (plant, sensor_id, point, unit) select '" + plant
                        + "', s, 'secondary_clarifier', 'pH' from unnest(array['PH0101', 'PH0102']) s "
                        + "on conflict do nothing");
                for (int month = 1; month <= 12; month++) {
                    st.execute(preloadMonth(plant, month));
                }
                System.out.printf("preloaded %s (%.0f s)%n", plant, (System.nanoTime() - t0) / 1e9);
            }
            // vacuumed now, else autovacuum works through the preloaded GBs while the big database is measured
            st.execute("vacuum (analyze)");
        }
        System.out.printf("preload: %.0f s%n", (System.nanoTime() - t0) / 1e9);
    }

    private static String preloadMonth(String plant, int month) {
        String from = String.format("2024-%02d-01", month);
        return "do $$ declare u bigint; j bigint; begin "
                + "insert into ingest.upload (status, kind, layout_version, record_type, plants, file_name, size_bytes, "
                + "sha256, received_at) values ('ACCEPTED', 'sensor-ph', 2, 'sensor', array['" + plant + "'], "
                + "'preload.csv', 0, encode(sha256(convert_to('" + plant + from + "', 'UTF8')), 'hex'), now()) "
                + "returning id into u; "
                + "insert into ingest.sensor_reading (plant, upload_id, row_num, series_id, ts, value) "
                + "select '" + plant + "', u, (row_number() over ())::int + 1, s.id, t, 7 + random() * 0.4 "
                + "from generate_series(timestamptz '" + from + " 00:00+00', timestamptz '" + from + " 00:00+00' "
                + "+ interval '1 month' - interval '1 minute', interval '1 minute') t "
                + "cross join ingest.sensor_series s where s.plant = '" + plant + "' order by t, s.id; "
                + "insert into ingest.sensor_upload_series (upload_id, series_id, first_ts, last_ts, readings) "
                + "select u, series_id, min(ts), max(ts), count(*) from ingest.sensor_reading where upload_id = u "
                + "and plant = '" + plant + "' and ts >= '" + from + " 00:00+00' group by series_id; "
                + BenchSupport.dayStatsOf("upload_id = u and plant = '" + plant + "' and ts >= '" + from
                        + " 00:00+00'") + "; "
                + "insert into qaqc.job (kind, upload_id, record_type, config_version, status, done_at) "
                + "values ('upload', u, 'sensor', 1, 'DONE', now()) returning id into j; "
                + "insert into qaqc.sensor_outcome (job_id, outcome, flag, test_names, test_flags, reasons) "
                + "values (j, 0, 1, '{}', '{}', '{}'); "
                + "insert into qaqc.sensor_grade (job_id, config_version, upload_id, plant, sensor_id, day, "
                + "first_record_id, last_record_id, record_ids, ts, outcomes, time_zone, good_count, not_evaluated_count, "
                + "suspect_count, fail_count, missing_count) "
                + "select j, 1, u, r.plant, s.sensor_id, (r.ts at time zone 'UTC')::date, min(r.id), max(r.id), "
                + "array_agg(r.id order by r.ts), array_agg(r.ts order by r.ts), array_agg(0 order by r.ts), 'UTC', "
                + "count(*), 0, 0, 0, 0 "
                + "from ingest.sensor_reading r join ingest.sensor_series s on s.id = r.series_id "
                + "where r.upload_id = u and r.plant = '" + plant + "' and r.ts >= '" + from + " 00:00+00' "
                + "group by r.plant, s.sensor_id, (r.ts at time zone 'UTC')::date; "
                + "insert into qaqc.sensor_day (job_id, config_version, plant, sensor_id, day, expected_minutes, "
                + "present_minutes, completeness_pct) select j, 1, plant, sensor_id, day, 1440, cardinality(record_ids), "
                + "100 * cardinality(record_ids) / 1440.0 from qaqc.sensor_grade where job_id = j; "
                + "insert into qaqc.sensor_current_job (upload_id, job_id) values (u, j); end $$";
    }

    private static long[] sizes(String jdbc) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", ""); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select (select count(*) from ingest.sensor_reading), "
                        + "pg_database_size(current_database())")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    /** The measured plant's uploads after the preload are removed, so that the next run measures the same thing. */
    private static void resetMeasuredPlant(String jdbc) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", ""); Statement st = c.createStatement()) {
            st.execute("create temp table measured as select id from ingest.upload where file_name <> 'preload.csv'");
            st.execute("delete from qaqc.sensor_grade where upload_id in (select id from measured)");
            st.execute("delete from qaqc.sensor_current_job where upload_id in (select id from measured)");
            st.execute("delete from qaqc.sensor_day where job_id in (select id from qaqc.job where upload_id in "
                    + "(select id from measured))");
            st.execute("delete from ingest.sensor_reading where upload_id in (select id from measured)");
            st.execute("delete from ingest.sensor_upload_series where upload_id in (select id from measured)");
            st.execute("delete from ingest.sensor_day_stats where upload_id in (select id from measured)");
            st.execute("delete from ingest.upload_event where upload_id in (select id from measured)");
            st.execute("delete from ingest.upload where id in (select id from measured)");
            st.execute("vacuum analyze");
        }
    }

    private static void stop(Process p) throws InterruptedException {
        if (p != null) {
            p.destroy();
            p.waitFor();
        }
    }

    private static void print(Figures empty, Figures big) {
        System.out.println();
        System.out.printf("readings stored: empty %,d, big %,d; database %,d MB vs %,d MB%n", empty.readingsStored(),
                big.readingsStored(), empty.databaseBytes() >> 20, big.databaseBytes() >> 20);
        System.out.printf("1,000,000-row upload (median of 3) empty %6.2f s  big %6.2f s  ratio %.2f "
                + "(target <= 1.2)%n",
                empty.uploadS(), big.uploadS(), big.uploadS() / empty.uploadS());
        System.out.printf("grading it (in the job, median)    empty %6.2f s  big %6.2f s  ratio %.2f "
                + "(target <= 1.2)%n",
                empty.gradingS(), big.gradingS(), big.gradingS() / empty.gradingS());
        for (boolean kept : new boolean[] {true, false}) {
            Reads e = kept ? empty.kept() : empty.readEachTime();
            Reads b = kept ? big.kept() : big.readEachTime();
            System.out.println(kept ? "asked again, answers kept per plant revision:"
                    : "asked again, nothing kept (read caches off: every request reads the database):");
            printLoad("plant-day of readings, 16 clients", e.readings(), b.readings());
            printLoad("qaqc summary plant-month, 16 clients", e.summary(), b.summary());
            printLoad("grades page 1,000 of 500, 16 clients", e.gradesPage(), b.gradesPage());
        }
        System.out.printf("peak RSS: ingest %.0f / %.0f MB, qaqc %.0f / %.0f MB (empty / big)%n", empty.ingestRssMb(),
                big.ingestRssMb(), empty.qaqcRssMb(), big.qaqcRssMb());
    }

    private static void printLoad(String what, Load empty, Load big) {
        System.out.printf("%-38s empty p99 %6.2f ms (%,.0f req/s)  big p99 %6.2f ms (%,.0f req/s), %,.0f bytes each "
                + "(target p99 <= 50 ms)%n", what, empty.http().p99Ms(), empty.http().perSecond(), big.http().p99Ms(),
                big.http().perSecond(), big.http().meanBytes());
        System.out.printf("%-38s CPU per request: service %.1f / %.1f ms, PostgreSQL %.1f / %.1f ms (empty / big)%n",
                "", empty.serviceCpuMs(), big.serviceCpuMs(), empty.postgresCpuMs(), big.postgresCpuMs());
    }
}
