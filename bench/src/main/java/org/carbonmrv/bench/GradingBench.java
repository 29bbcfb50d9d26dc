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

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
        Path root = Path.of(args.length > 1 ? args[1] : ".").toAbsolutePath().normalize();
        Path dir = Files.createDirectories(root.resolve("bench/target"));
        Path csv = dir.resolve("ph-grading-" + rows + ".csv");
        IngestBench.generate(csv, rows);
        int rounds = Integer.parseInt(System.getProperty("rounds", "3"));
        try (EmbeddedPostgres pg = EmbeddedPostgres.startEphemeral()) {
            String jdbc = pg.jdbcUrl("postgres");
            int ingestPort = BenchSupport.freePort();
            Process ingest = BenchSupport.startService(root, "ingest-service", jdbc, ingestPort);
            BenchSupport.awaitReady(ingestPort, ingest);
            int qaqcPort = BenchSupport.freePort();
            // investigation: -Dqaqc.jvm adds JVM options to qaqc-service (a flight recording…)
            Process qaqc = BenchSupport.startService(root, "qaqc-service", jdbc, qaqcPort, "QAQC_WORKER_POLL", "1s",
                    "QUARKUS_LOG_CATEGORY__ORG_CARBONMRV_QAQC_GRADING__LEVEL", "DEBUG",
                    "JAVA_TOOL_OPTIONS", System.getProperty("qaqc.jvm", ""));
            try {
                BenchSupport.awaitReady(qaqcPort, qaqc);
                double[] inJob = new double[rounds];
                double[] endToEnd = new double[rounds];
                double[] copy = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    Files.writeString(csv, "\n", StandardOpenOption.APPEND); // new bytes, same rows
                    BenchSupport.Answer up = BenchSupport.uploadAnswer(ingestPort, csv, rows);
                    long t0 = System.nanoTime();
                    Matcher id = Pattern.compile("\"id\":(\\d+)").matcher(up.body());
                    id.find();
                    long uploadId = Long.parseLong(id.group(1));
                    awaitGraded(qaqcPort, uploadId);
                    endToEnd[r] = (System.nanoTime() - t0) / 1e9;
                    inJob[r] = jobMillis(root.resolve("bench/target/qaqc-service.log"), uploadId) / 1000.0;
                    copy[r] = baselineCopy(jdbc, rows);
                    System.out.printf("round %d: graded in job %.2f s, end to end %.2f s; COPY of %,d grade rows %.2f s%n",
                            r + 1, inJob[r], endToEnd[r], rows, copy[r]);
                }
                double job = BenchSupport.median(inJob);
                double e2e = BenchSupport.median(endToEnd);
                double c = BenchSupport.median(copy);
                System.out.println();
                System.out.printf("medians of %d rounds, %,d pH records:%n", rounds, rows);
                System.out.printf("grading, inside the job (claim to done)  %6.2f s %,12.0f records/s (target >= 250,000)%n",
                        job, rows / job);
                System.out.printf("grading, end to end (upload answered to DONE seen) %6.2f s %,12.0f records/s%n",
                        e2e, rows / e2e);
                System.out.printf("COPY of the same number of grade rows   %6.2f s %,12.0f rows/s%n", c, rows / c);
                System.out.printf("ratio grading (in job) / COPY            %6.2f%n", job / c);
                System.out.printf("qaqc-service peak RSS (VmHWM)           %6.0f MB%n",
                        BenchSupport.peakRssKb(qaqc.pid()) / 1024.0);
            } finally {
                qaqc.destroy();
                ingest.destroy();
                qaqc.waitFor();
                ingest.waitFor();
            }
        }
    }

    private static void awaitGraded(int port, long uploadId) throws Exception {
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

    private static long jobMillis(Path log, long uploadId) throws Exception {
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Matcher m = JOB_LINE.matcher(line);
            if (m.find() && Long.parseLong(m.group(2)) == uploadId) {
                return Long.parseLong(m.group(4));
            }
        }
        throw new IllegalStateException("no job line for upload " + uploadId + " in " + log);
    }

    /** COPY of N grade rows, as the grader writes them, into a table like qaqc.grade. */
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
                st.execute("create table bench.grade (like qaqc.grade including all)");
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
}
