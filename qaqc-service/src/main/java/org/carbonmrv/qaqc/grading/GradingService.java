package org.carbonmrv.qaqc.grading;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongConsumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.BinaryCopyReader;
import org.carbonmrv.qaqc.queue.Job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Grades what one job names, reading ingest's published views and writing grades, sensor completeness and the
 * grade events for mrv-service on the job's (transaction's) connection.
 */
@ApplicationScoped
public class GradingService {

    /** Test seam: called after a job's grades are written, before it is marked done (to simulate a crash). */
    public static volatile LongConsumer afterGradesWritten = id -> {
    };

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(GradingService.class);

    private final ObjectMapper json;

    public GradingService(ObjectMapper json) {
        this.json = json;
    }

    /** @return how many records were graded */
    public long grade(Connection c, Job job, GradingConfig config) throws SQLException, IOException {
        Set<PlantDay> changed = new TreeSet<>();
        // Everything is read (and sensor days written) first: no other statement may run on the connection
        // while the COPY of the grades is open.
        long n = switch (job.recordType()) {
            case "sensor" -> sensors(c, job, config, changed);
            case "lab" -> lab(c, job, config, changed);
            case "ops" -> ops(c, job, config, changed);
            default -> throw new IllegalStateException("unknown record type " + job.recordType());
        };
        afterGradesWritten.accept(job.id());
        try (PreparedStatement ps = c.prepareStatement(
                "insert into qaqc.grade_event (job_id, plant, day, record_type) values (?, ?, ?, ?)")) {
            for (PlantDay d : changed) {
                ps.setLong(1, job.id());
                ps.setString(2, d.plant);
                ps.setObject(3, d.day);
                ps.setString(4, job.recordType());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return n;
    }

    /** Writes grades with one COPY, cancelling it on failure so that the connection can roll back. */
    interface GradeSource {
        void writeTo(GradeWriter out) throws IOException;
    }

    private static void copy(Connection c, Job job, GradingConfig config, GradeSource source)
            throws SQLException, IOException {
        GradeWriter out = new GradeWriter(c, job.id(), config.version);
        try {
            source.writeTo(out);
        } catch (IOException | RuntimeException e) {
            out.cancel();
            throw e;
        }
        out.close();
    }

    record PlantDay(String plant, LocalDate day) implements Comparable<PlantDay> {
        @Override
        public int compareTo(PlantDay o) {
            int p = plant.compareTo(o.plant);
            return p != 0 ? p : day.compareTo(o.day);
        }
    }

    // ------------------------------------------------------------------------------------------------ sensors

    private long sensors(Connection c, Job job, GradingConfig config, Set<PlantDay> changed)
            throws SQLException, IOException {
        long t0 = System.nanoTime();
        // Readings in file order with one binary COPY (no cursor round trips, no objects per row), grouped by series
        // id here: no sort of a million rows in the database. A series is sorted by time only when its file was not.
        Map<Integer, SensorSeries> byId = new LinkedHashMap<>();
        try (BinaryCopyReader r = new BinaryCopyReader(c, "select series_id, record_id, ts, value, raw_value "
                + "from ingest.v_sensor_reading where upload_id = " + job.uploadId())) {
            SensorSeries current = null;
            while (r.next()) {
                int id = r.int4();
                if (current == null || current.seriesId != id) {
                    current = byId.computeIfAbsent(id, SensorSeries::new);
                }
                long recordId = r.int8();
                long epoch = r.timestampEpochSecond();
                double v = r.float8();
                if (r.wasNull()) {
                    v = Double.NaN;
                }
                current.add(recordId, epoch, v, r.text());
            }
        }
        List<SensorSeries> all = describe(c, byId);
        long t1 = System.nanoTime();
        List<long[]> elsewhere = new ArrayList<>();
        long n = 0;
        long daysNanos = 0;
        for (SensorSeries s : all) {
            s.sortByTime();
            elsewhere.add(loggedElsewhere(c, job.uploadId(), s));
            long d0 = System.nanoTime();
            writeDays(c, job, config, s, changed);
            daysNanos += System.nanoTime() - d0;
            n += s.size();
        }
        long t2 = System.nanoTime();
        SensorGradeWriter out = new SensorGradeWriter(c, job.id(), config.version, job.uploadId());
        try {
            for (int i = 0; i < all.size(); i++) {
                SensorSeries s = all.get(i);
                out.write(SensorGrader.grade(s, thresholds(config, s), elsewhere.get(i)));
            }
        } catch (IOException | RuntimeException e) {
            out.cancel();
            throw e;
        }
        out.finish();
        LOG.debugf("job %d: read %d readings in %d ms, context in %d ms (days %d ms), graded and written in %d ms "
                + "(%d outcomes)", job.id(), n, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, daysNanos / 1_000_000,
                (System.nanoTime() - t2) / 1_000_000, out.outcomes());
        return n;
    }

    /** Gives each series its plant, sensor and unit; the series in (plant, sensor, series id) order. */
    private static List<SensorSeries> describe(Connection c, Map<Integer, SensorSeries> byId) throws SQLException {
        List<SensorSeries> all = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select series_id, plant, sensor_id, unit from "
                + "ingest.v_sensor_series where series_id = any (?) order by plant, sensor_id, series_id")) {
            ps.setArray(1, c.createArrayOf("integer", byId.keySet().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    SensorSeries s = byId.get(rs.getInt(1));
                    s.describe(rs.getString(2), rs.getString(3), rs.getString(4));
                    all.add(s);
                }
            }
        }
        if (all.size() != byId.size()) {
            throw new IllegalStateException("readings of an unknown sensor series in " + byId.keySet());
        }
        return all;
    }

    private static Thresholds thresholds(GradingConfig config, SensorSeries s) {
        return config.thresholds("sensor", s.plant, s.unit == null ? "pH" : s.unit, s.sensor);
    }

    private void writeDays(Connection c, Job job, GradingConfig config, SensorSeries s, Set<PlantDay> changed)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into qaqc.sensor_day (job_id, config_version, plant, "
                + "sensor_id, day, expected_minutes, present_minutes, completeness_pct, gaps) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)")) {
            for (SensorGrader.Day d : SensorGrader.days(s, thresholds(config, s))) {
                ps.setLong(1, job.id());
                ps.setInt(2, config.version);
                ps.setString(3, s.plant);
                ps.setString(4, s.sensor);
                ps.setObject(5, d.day());
                ps.setInt(6, d.expectedMinutes());
                ps.setInt(7, d.presentMinutes());
                ps.setDouble(8, d.completenessPct());
                ps.setString(9, toJson(d.gaps()));
                ps.addBatch();
                changed.add(new PlantDay(s.plant, d.day()));
            }
            ps.executeBatch();
        }
    }

    /** Timestamps (sorted epoch seconds) of this sensor, within the series' span, that other uploads logged too. */
    private static long[] loggedElsewhere(Connection c, long uploadId, SensorSeries s) throws SQLException {
        Timestamp first = Timestamp.valueOf(LocalDateTime.ofEpochSecond(s.firstEpoch(), 0, ZoneOffset.UTC));
        Timestamp last = Timestamp.valueOf(LocalDateTime.ofEpochSecond(s.lastEpoch(), 0, ZoneOffset.UTC));
        // first the other uploads whose span of this sensor overlaps (a few rows), and only their readings then: a
        // scan by time alone would also read this upload's own, newest readings, which BRIN cannot leave out
        List<Long> others = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select upload_id from ingest.v_sensor_upload_series "
                + "where plant = ? and sensor_id = ? and upload_id <> ? and first_ts <= ? and last_ts >= ?")) {
            ps.setString(1, s.plant);
            ps.setString(2, s.sensor);
            ps.setLong(3, uploadId);
            ps.setTimestamp(4, last);
            ps.setTimestamp(5, first);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    others.add(rs.getLong(1));
                }
            }
        }
        if (others.isEmpty()) {
            return new long[0];
        }
        long[] out = new long[16];
        int n = 0;
        try (PreparedStatement ps = c.prepareStatement("select distinct date_part('epoch', ts)::bigint from "
                + "ingest.v_sensor_reading where upload_id = any (?) and plant = ? and sensor_id = ? "
                + "and ts between ? and ? order by 1")) {
            ps.setArray(1, c.createArrayOf("bigint", others.toArray()));
            ps.setString(2, s.plant);
            ps.setString(3, s.sensor);
            ps.setTimestamp(4, first);
            ps.setTimestamp(5, last);
            ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(-1);
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (n == out.length) {
                        out = java.util.Arrays.copyOf(out, n * 2);
                    }
                    out[n++] = rs.getLong(1);
                }
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    // ------------------------------------------------------------------------------------------------ lab

    private long lab(Connection c, Job job, GradingConfig config, Set<PlantDay> changed)
            throws SQLException, IOException {
        Map<PlantDay, List<LabGrader.LabRow>> days = readDays(c, job, "select r.record_id, r.plant, r.sample_date, "
                + "r.unique_id, r.point, r.parameter, r.unit, r.value, r.uncertainty from ingest.v_lab_reading r "
                + "where (r.plant, r.sample_date) in (select plant, sample_date from ingest.v_lab_reading "
                + "where upload_id = ?) order by r.plant, r.sample_date, r.record_id",
                rs -> new LabGrader.LabRow(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), (Double) rs.getObject(8),
                        (Double) rs.getObject(9)),
                row -> new PlantDay(row.plant(), row.day()));
        return gradeDays(c, job, config, days, LabGrader::grade, changed);
    }

    // ------------------------------------------------------------------------------------------------ ops

    private long ops(Connection c, Job job, GradingConfig config, Set<PlantDay> changed)
            throws SQLException, IOException {
        Map<PlantDay, List<OpsGrader.OpsRow>> days = readDays(c, job, "select v.record_id, v.upload_id, v.file_name, "
                + "v.plant, v.day, v.generated_at, v.effluent_flow_mgd, v.effluent_flow_max_mgd, "
                + "v.effluent_flow_min_mgd, v.bypass_flow_mgd, v.bypass_hours, v.version_rank, "
                + "v.day = (select max(x.day) from ingest.v_ops_day_version x where x.upload_id = v.upload_id), "
                + "(select count(*) from ingest.v_ops_day_version x where x.upload_id = v.upload_id and x.day = v.day) "
                + "from ingest.v_ops_day_version v where (v.plant, v.day) in "
                + "(select plant, day from ingest.v_ops_day_version where upload_id = ?) "
                + "order by v.plant, v.day, v.version_rank",
                rs -> {
                    Timestamp gen = rs.getTimestamp(6);
                    return new OpsGrader.OpsRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getObject(5, LocalDate.class), gen == null ? null : gen.toLocalDateTime(),
                            (Double) rs.getObject(7), (Double) rs.getObject(8), (Double) rs.getObject(9),
                            (Double) rs.getObject(10), (Double) rs.getObject(11), rs.getLong(12), rs.getBoolean(13),
                            rs.getInt(14));
                },
                row -> new PlantDay(row.plant(), row.day()));
        return gradeDays(c, job, config, days, OpsGrader::grade, changed);
    }

    /** A row of a query as a record. */
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** The rows of the plant-days an upload touches (the query takes the upload id), grouped by plant-day. */
    private static <T> Map<PlantDay, List<T>> readDays(Connection c, Job job, String sql, RowMapper<T> mapper,
            java.util.function.Function<T, PlantDay> dayOf) throws SQLException {
        Map<PlantDay, List<T>> days = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, job.uploadId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    T row = mapper.map(rs);
                    days.computeIfAbsent(dayOf.apply(row), d -> new ArrayList<>()).add(row);
                }
            }
        }
        return days;
    }

    /** Grades each plant-day's rows with {@code grader} and writes all the grades with one COPY. */
    private static <T> long gradeDays(Connection c, Job job, GradingConfig config, Map<PlantDay, List<T>> days,
            java.util.function.BiFunction<List<T>, GradingConfig, List<RecordGrade>> grader, Set<PlantDay> changed)
            throws SQLException, IOException {
        List<RecordGrade> grades = new ArrayList<>();
        days.forEach((day, rows) -> {
            grades.addAll(grader.apply(rows, config));
            changed.add(day);
        });
        copy(c, job, config, out -> out.writeAll(grades));
        return grades.size();
    }

    private String toJson(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
