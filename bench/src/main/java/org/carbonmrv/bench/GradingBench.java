package org.carbonmrv.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.carbonmrv.devstack.EmbeddedPostgres;
import org.postgresql.PGConnection;

/**
 * Grading benchmark (not a test): N minute pH records uploaded through ingest-service, then graded by a running
 * qaqc-service (claim, read, test, write grades, commit). Prints records/s (measured inside the job, and end to end
 * from the upload's answer to the job seen DONE) and the ratio to a COPY of the same number of grade rows.
 *
 * <p>Usage: {@code bench/run-grading-bench.sh [rows]} (default 1,000,000).
 */
public final class GradingBench {

    private static final Pattern JOB_LINE = Pattern.compile("job (\\d+) \\(upload upload (\\d+), sensor\\): (\\d+) "
            + "records graded with config v\\d+ in (\\d+) ms");

    private static final java.time.LocalDateTime START = java.time.LocalDateTime.of(2024, 1, 1, 0, 0);

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
        Path root = Path.of(args.length > 1 ? args[1] : ".").toAbsolutePath().normalize();
        Path dir = Files.createDirectories(root.resolve("bench/target"));
        Path csv = dir.resolve("ph-grading-" + rows + ".csv");
        int rounds = Integer.parseInt(System.getProperty("rounds", "3"));
        // -Doverlap=true: every round logs the same minutes again, so that every reading after the first round is a
        // duplicate of an earlier upload's (the worst case of the duplicate test); by default each round is the
        // probes' next span of time, as a logger's next export is
        boolean overlap = Boolean.getBoolean("overlap");
        try (EmbeddedPostgres pg = EmbeddedPostgres.startEphemeral()) {
            String jdbc = pg.jdbcUrl("postgres");
            int ingestPort = BenchSupport.freePort();
            Process ingest = BenchSupport.startService(root, "ingest-service", jdbc, ingestPort);
            BenchSupport.awaitReady(ingestPort, ingest);
            BenchSupport.registerPlants(ingestPort, "PLANT_BENCH");
            int qaqcPort = BenchSupport.freePort();
            // investigation: -Dqaqc.jvm adds JVM options to qaqc-service (a flight recording…)
            Process qaqc = BenchSupport.startService(root, "qaqc-service", jdbc, qaqcPort, "QAQC_WORKER_POLL", "1s",
                    "QUARKUS_LOG_CATEGORY__ORG_CARBONMRV_QAQC_GRADING__LEVEL", "DEBUG",
                    "JAVA_TOOL_OPTIONS", System.getProperty("qaqc.jvm", ""));
            try {
                BenchSupport.awaitReady(qaqcPort, qaqc);
                // a long-running service is warm: one smaller upload graded first (not measured), in a span of its
                // own before the measured ones
                Path warm = dir.resolve("ph-grading-warmup.csv");
                IngestBench.generate(warm, 200_000, START.minusYears(1));
                awaitGraded(qaqcPort, uploadId(BenchSupport.uploadAnswer(ingestPort, warm, 200_000)));
                double[] inJob = new double[rounds];
                double[] endToEnd = new double[rounds];
                double[] copy = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    IngestBench.generate(csv, rows, overlap ? START : START.plusMinutes((long) r * rows));
                    Files.writeString(csv, "\n".repeat(r), StandardOpenOption.APPEND); // new bytes when overlapping
                    BenchSupport.Answer up = BenchSupport.uploadAnswer(ingestPort, csv, rows);
                    long t0 = System.nanoTime();
                    BenchSupport.Cpu cpu0 = BenchSupport.Cpu.of(qaqc);
                    long uploadId = uploadId(up);
                    awaitGraded(qaqcPort, uploadId);
                    endToEnd[r] = (System.nanoTime() - t0) / 1e9;
                    BenchSupport.Cpu cpu = BenchSupport.Cpu.of(qaqc).since(cpu0);
                    inJob[r] = jobMillis(root.resolve("bench/target/qaqc-service.log"), uploadId) / 1000.0;
                    copy[r] = baselineCopy(jdbc, rows);
                    System.out.printf("round %d: graded in job %.2f s, end to end %.2f s (CPU: qaqc-service %.2f s, "
                            + "PostgreSQL %.2f s); COPY of %,d grade rows %.2f s%n", r + 1, inJob[r], endToEnd[r],
                            cpu.service(), cpu.postgres(), rows, copy[r]);
                }
                double job = BenchSupport.median(inJob);
                double e2e = BenchSupport.median(endToEnd);
                double c = BenchSupport.median(copy);
                System.out.println();
                System.out.printf("medians of %d rounds, %,d pH records%s:%n", rounds, rows,
                        overlap ? " (every round the same minutes: all duplicates after the first)" : "");
                System.out.printf("grading, inside the job (claim to done)  %6.2f s %,12.0f records/s (target >= 250,000)%n",
                        job, rows / job);
                System.out.printf("grading, end to end (upload answered to DONE seen) %6.2f s %,12.0f records/s%n",
                        e2e, rows / e2e);
                System.out.printf("COPY of the same number of grade rows   %6.2f s %,12.0f rows/s%n", c, rows / c);
                System.out.printf("ratio grading (in job) / COPY            %6.2f%n", job / c);
                System.out.printf("qaqc-service peak RSS (VmHWM)           %6.0f MB%n",
                        BenchSupport.peakRssKb(qaqc.pid()) / 1024.0);
                printGradeBytesPerReading(jdbc);
                if (Integer.getInteger("hold", 0) > 0) {
                    // investigation: keep the database and services up (EXPLAIN in psql, the API)
                    System.out.println("holding " + jdbc + ", qaqc-service on port " + qaqcPort);
                    Thread.sleep(Integer.getInteger("hold") * 1000L);
                }
            } finally {
                qaqc.destroy();
                ingest.destroy();
                qaqc.waitFor();
                ingest.waitFor();
            }
        }
    }

    static long uploadId(BenchSupport.Answer up) {
        Matcher id = Pattern.compile("\"id\":(\\d+)").matcher(up.body());
        if (!id.find()) {
            throw new IllegalStateException("upload answered " + up.body());
        }
        return Long.parseLong(id.group(1));
    }

    static void awaitGraded(int port, long uploadId) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Pattern done = Pattern.compile("\"upload_id\":" + uploadId + ",[^}]*\"status\":\"DONE\"");
        for (int i = 0; i < 60_000; i++) {
            String body = http.send(HttpRequest.newBuilder().header("Authorization", BenchSupport.auth())
                    .uri(URI.create("http://localhost:" + port
                    + "/api/v1/jobs?status=DONE&size=5")).build(), HttpResponse.BodyHandlers.ofString()).body();
            if (done.matcher(body).find()) {
                return;
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("upload " + uploadId + " not graded");
    }

    static long jobMillis(Path log, long uploadId) throws Exception {
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Matcher m = JOB_LINE.matcher(line);
            if (m.find() && Long.parseLong(m.group(2)) == uploadId) {
                return Long.parseLong(m.group(4));
            }
        }
        throw new IllegalStateException("no job line for upload " + uploadId + " in " + log);
    }

    /**
     * COPY of N grade rows into a table like qaqc.grade (a row per record, as lab and ops grades are stored and as
     * sensor grades were before their compact form), with its indexes.
     */
    private static double baselineCopy(String jdbc, int rows) throws Exception {
        StringBuilder b = new StringBuilder(rows * 120);
        for (int i = 0; i < rows; i++) {
            b.append("sensor\t").append(i + 1).append("\t999999\t1\t1\t")
                    .append("{\"\"duplicate\"\",\"\"missing\"\",\"\"gross_range\"\",\"\"spike\"\",\"\"rate_of_change\"\",\"\"flat_line\"\"}")
                    .append("\t{1,1,1,1,1,1}\t{}\tPLANT_BENCH\tPH0101\t2024-01-01 00:00:00\n");
        }
        byte[] data = b.toString().replace("\"\"", "\"").getBytes(StandardCharsets.UTF_8);
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", "")) {
            try (Statement st = c.createStatement()) {
                st.execute("create schema if not exists bench");
                st.execute("drop table if exists bench.grade");
                st.execute("create table bench.grade (like qaqc.grade including defaults)");
                st.execute("create index on bench.grade using brin (record_id)");
                st.execute("create index on bench.grade using brin (job_id)");
            }
            c.setAutoCommit(false);
            long t0 = System.nanoTime();
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY bench.grade (record_type, record_id, job_id, "
                    + "config_version, flag, test_names, test_flags, reasons, plant, parameter, ts) FROM STDIN",
                    new java.io.ByteArrayInputStream(data));
            c.commit();
            return (System.nanoTime() - t0) / 1e9;
        }
    }

    /** Stored size of a reading's grade (every monthly partition of sensor_grade, indexes and TOAST included). */
    private static void printGradeBytesPerReading(String jdbc) throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(jdbc, "postgres", "");
                java.sql.Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery("select (select sum(cardinality(record_ids)) from "
                        + "qaqc.sensor_grade), (select sum(pg_total_relation_size(inhrelid)) from pg_inherits where "
                        + "inhparent = 'qaqc.sensor_grade'::regclass), (select pg_total_relation_size("
                        + "'qaqc.sensor_outcome'))")) {
            rs.next();
            long n = rs.getLong(1);
            System.out.printf("bytes per graded reading                %6.1f   (%,d readings' grades; outcomes table "
                    + "%,d bytes)%n", rs.getLong(2) / (double) n, n, rs.getLong(3));
        }
    }
}
