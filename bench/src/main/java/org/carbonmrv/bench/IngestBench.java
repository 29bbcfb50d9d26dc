package org.carbonmrv.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

import org.carbonmrv.devstack.EmbeddedPostgres;
import org.postgresql.PGConnection;

/**
 * Ingest benchmark (not a test). Generates a minute pH CSV of N rows, then in one run:
 * (a) loads the same rows with PostgreSQL COPY into a table identical to {@code ingest.sensor_reading};
 * (b) uploads the file through a running ingest-service (its packaged jar, -Xmx256m).
 * Prints rows/s of each, the ratio b/a and the service's peak RSS.
 *
 * <p>Usage: {@code bench/run-ingest-bench.sh [rows]} (default 1,000,000).
 */
public final class IngestBench {

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    /** pandas read_csv + to_sql on a 2-core machine, from the issue (not measured here: no PyPI). */
    private static final double PANDAS_ROWS_PER_S = 65_000;

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
        Path root = Path.of(args.length > 1 ? args[1] : ".").toAbsolutePath().normalize();
        Path dir = Files.createDirectories(root.resolve("bench/target"));
        Path csv = dir.resolve("ph-" + rows + ".csv");
        byte[][] copyRows = generate(csv, rows);
        System.out.printf("generated %,d rows: %s (%,d bytes)%n", rows, root.relativize(csv), Files.size(csv));

        try (EmbeddedPostgres pg = EmbeddedPostgres.startEphemeral()) {
            String jdbc = pg.jdbcUrl("postgres");
            int port = BenchSupport.freePort();
            // investigation: -Dingest.jvm adds JVM options to the service (a flight recording…)
            Process service = BenchSupport.startService(root, "ingest-service", jdbc, port,
                    "QUARKUS_LOG_CATEGORY__ORG_CARBONMRV_INGEST_UPLOAD__LEVEL", "DEBUG",
                    "JAVA_TOOL_OPTIONS", System.getProperty("ingest.jvm", ""));
            try {
                BenchSupport.awaitReady(port, service);
                BenchSupport.registerPlants(port, "PLANT_BENCH", "PLANT_WARMUP_1", "PLANT_WARMUP_2", "PLANT_WARMUP_3");
                // A long-running service is warm: a few smaller uploads first, so that class loading and JIT
                // compilation are not counted against the measured ones (with one upload of 20,000 rows, the JIT
                // compiler threads still used 1.7 s of CPU during the first measured upload).
                int warmRows = 200_000;
                Path warm = dir.resolve("ph-warmup.csv");
                generate(warm, warmRows);
                for (int w = 1; w <= 3; w++) {
                    Files.writeString(warm, Files.readString(warm).replaceAll("PLANT_BENCH|PLANT_WARMUP_\\d",
                            "PLANT_WARMUP_" + w));
                    BenchSupport.upload(port, warm, warmRows);
                }
                int rounds = Integer.parseInt(System.getProperty("rounds", "3"));
                double[] copy = new double[rounds];
                double[] binary = new double[rounds];
                double[] up = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    copy[r] = baselineCopy(jdbc, copyRows[0], false, rows);
                    binary[r] = baselineCopy(jdbc, copyRows[1], true, rows);
                    // one more trailing newline a round: new bytes (not deduplicated), same rows
                    Files.writeString(csv, "\n", java.nio.file.StandardOpenOption.APPEND);
                    BenchSupport.Cpu cpu0 = BenchSupport.Cpu.of(service);
                    double client0 = clientCpuSeconds();
                    java.util.Map<String, Double> threads0 = BenchSupport.threadCpu(service.pid());
                    up[r] = BenchSupport.upload(port, csv, rows);
                    BenchSupport.Cpu cpu = BenchSupport.Cpu.of(service);
                    System.out.printf("round %d: COPY %.2f s (binary %.2f s), upload %.2f s, ratio %.2f; CPU during the "
                            + "upload: service %.2f s, PostgreSQL %.2f s, this client %.2f s%n", r + 1, copy[r],
                            binary[r], up[r], up[r] / copy[r], cpu.since(cpu0).service(), cpu.since(cpu0).postgres(),
                            clientCpuSeconds() - client0);
                    if (Boolean.getBoolean("threads")) {
                        BenchSupport.printThreadCpu(service.pid(), threads0);
                    }
                }
                long rssKb = BenchSupport.peakRssKb(service.pid());
                double copySeconds = BenchSupport.median(copy);
                double binarySeconds = BenchSupport.median(binary);
                double uploadSeconds = BenchSupport.median(up);
                double a = rows / copySeconds;
                double b = rows / uploadSeconds;
                System.out.println();
                System.out.printf("medians of %d rounds, %,d rows:%n", rounds, rows);
                System.out.printf("(a) COPY of the same rows       %8.2f s  %,12.0f rows/s (text, as psql \\copy of a CSV)%n",
                        copySeconds, a);
                System.out.printf("    the same in binary COPY     %8.2f s  %,12.0f rows/s (the format the service uses)%n",
                        binarySeconds, rows / binarySeconds);
                System.out.printf("(b) upload through the service  %8.2f s  %,12.0f rows/s%n", uploadSeconds, b);
                System.out.printf("time ratio b/a                  %8.2f   (target <= 1.5; against binary COPY %.2f)%n",
                        uploadSeconds / copySeconds, uploadSeconds / binarySeconds);
                System.out.printf("vs pandas read_csv+to_sql       %8.1f x (reference %,.0f rows/s, target >= 5x)%n",
                        b / PANDAS_ROWS_PER_S, PANDAS_ROWS_PER_S);
                System.out.printf("service peak RSS (VmHWM)        %8.0f MB (heap capped at -Xmx256m)%n", rssKb / 1024.0);
                printBytesPerReading(jdbc, Files.size(csv) / (double) rows);
            } finally {
                service.destroy();
                service.waitFor();
            }
        }
    }

    /**
     * Writes the CSV (with the corpus' quirks: an ERR and an empty value every 100,000 rows) and returns the same rows
     * as the service would write them (for a placeholder upload), in COPY text format and in COPY binary format.
     */
    static byte[][] generate(Path csv, int rows) throws IOException {
        return generate(csv, rows, LocalDateTime.of(2024, 1, 1, 0, 0));
    }

    /** Two probes alternating, a reading a minute each from {@code t0}; the rows as COPY text and COPY binary. */
    private static final byte[] PLANT = "PLANT_BENCH".getBytes(StandardCharsets.UTF_8);

    static byte[][] generate(Path csv, int rows, LocalDateTime t0) throws IOException {
        Random rnd = new Random(42);
        ByteArrayOutputStream copy = new ByteArrayOutputStream(rows * 70);
        ByteArrayOutputStream binaryBytes = new ByteArrayOutputStream(rows * 60);
        java.io.DataOutputStream binary = new java.io.DataOutputStream(binaryBytes);
        binary.write(new byte[] {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0});
        LocalDateTime pgEpoch = LocalDateTime.of(2000, 1, 1, 0, 0);
        StringBuilder line = new StringBuilder(96);
        try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("Timestamp,Measurement value,Unit,sensor_id,unit_type_id,plant_id,Process value\n");
            for (int i = 0; i < rows; i++) {
                String sensor = i % 2 == 0 ? "PH0101" : "PH0102";
                LocalDateTime t = t0.plusMinutes(i / 2);
                String ts = TS.format(t);
                String value = i % 100_000 == 99_999 ? "ERR" : i % 100_000 == 49_999 ? ""
                        : String.format(Locale.ROOT, "%.2f", 7 + rnd.nextGaussian() * 0.2);
                line.setLength(0);
                line.append(ts).append(',').append(value).append(",pH,").append(sensor)
                        .append(",secondary_clarifier,PLANT_BENCH,pH\n");
                w.write(line.toString());
                boolean number = !value.isEmpty() && !value.equals("ERR");
                line.setLength(0);
                line.append("PLANT_BENCH\t999999999\t").append(i + 2).append('\t').append(i % 2 + 1).append('\t').append(ts)
                        .append('\t').append(number ? value : "\\N").append('\t').append(number ? "\\N" : value)
                        .append('\n');
                copy.write(line.toString().getBytes(StandardCharsets.UTF_8));
                binary.writeShort(7);
                binary.writeInt(PLANT.length);
                binary.write(PLANT);
                binary.writeInt(8);
                binary.writeLong(999_999_999L);
                binary.writeInt(4);
                binary.writeInt(i + 2);
                binary.writeInt(4);
                binary.writeInt(i % 2 + 1);
                binary.writeInt(8);
                binary.writeLong(java.time.Duration.between(pgEpoch, t).toNanos() / 1_000);
                if (number) {
                    binary.writeInt(8);
                    binary.writeDouble(Double.parseDouble(value));
                    binary.writeInt(-1);
                } else {
                    byte[] raw = value.getBytes(StandardCharsets.UTF_8);
                    binary.writeInt(-1);
                    binary.writeInt(raw.length);
                    binary.write(raw);
                }
            }
        }
        binary.writeShort(-1);
        binary.flush();
        return new byte[][] {copy.toByteArray(), binaryBytes.toByteArray()};
    }

    private static double clientCpuSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
    }

    /** Stored size of a reading (heap, TOAST, BRIN indexes of every monthly partition) against its CSV line. */
    private static void printBytesPerReading(String jdbc, double csvBytesPerRow) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", "");
                Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery("select (select count(*) from ingest.sensor_reading), "
                        + "(select sum(pg_relation_size(inhrelid)) from pg_inherits where inhparent = "
                        + "'ingest.sensor_reading'::regclass), (select sum(pg_total_relation_size(inhrelid)) from "
                        + "pg_inherits where inhparent = 'ingest.sensor_reading'::regclass), (select count(*) from "
                        + "pg_inherits where inhparent = 'ingest.sensor_reading'::regclass)")) {
            rs.next();
            long n = rs.getLong(1);
            System.out.printf("bytes per stored reading        %8.1f   (heap %.1f, with indexes and TOAST; %,d readings "
                    + "in %d monthly partitions; the CSV line %.1f bytes)%n", rs.getLong(3) / (double) n,
                    rs.getLong(2) / (double) n, n, rs.getInt(4), csvBytesPerRow);
        }
    }

    /**
     * COPY into a table like ingest.sensor_reading (same columns, defaults, indexes and monthly
     * partitions), text or binary.
     */
    private static double baselineCopy(String jdbc, byte[] copyRows, boolean binary, int rows) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", "")) {
            try (Statement st = c.createStatement()) {
                st.execute("create schema if not exists bench");
                st.execute("drop table if exists bench.sensor_reading");
                // partitioned as ingest's is, with the same monthly bounds and indexes; the months of the data are
                // made in ingest first (ahead of need, as for a live logger's exports)
                st.execute("select ingest.ensure_sensor_month(m::date) from generate_series(date '2024-01-01', "
                        + "date '2025-01-01', interval '1 month') m");
                st.execute("create table bench.sensor_reading (like ingest.sensor_reading including defaults) "
                        + "partition by range (ts)");
                for (String column : new String[] {"ts", "upload_id", "id"}) {
                    st.execute("create index on bench.sensor_reading using brin (" + column + ")");
                }
                st.execute("create index on bench.sensor_reading using brin (plant, ts) with (pages_per_range = 16)");
                java.util.List<String> bounds = new java.util.ArrayList<>();
                try (java.sql.ResultSet rs = st.executeQuery("select pg_get_expr(c.relpartbound, c.oid) from "
                        + "pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = "
                        + "'ingest.sensor_reading'::regclass")) {
                    while (rs.next()) {
                        bounds.add(rs.getString(1));
                    }
                }
                for (int p = 0; p < bounds.size(); p++) {
                    st.execute("create table bench.sensor_reading_" + p + " partition of bench.sensor_reading "
                            + bounds.get(p));
                }
                st.execute("insert into ingest.upload (id, status, file_name, size_bytes, sha256, received_at) "
                        + "values (999999999, 'REJECTED', 'baseline', 0, repeat('0', 64), now()) on conflict do nothing");
            }
            c.setAutoCommit(false);
            long t0 = System.nanoTime();
            long n = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY bench.sensor_reading (plant, upload_id, row_num, "
                    + "series_id, ts, value, raw_value) FROM STDIN" + (binary ? " (FORMAT binary)" : ""),
                    new java.io.ByteArrayInputStream(copyRows));
            c.commit();
            double s = (System.nanoTime() - t0) / 1e9;
            if (n != rows) {
                throw new IllegalStateException("COPY loaded " + n + " rows, expected " + rows);
            }
            return s;
        }
    }

}
