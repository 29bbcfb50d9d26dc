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
        // Readings in file order, grouped by series id in Java: no sort of a million rows in the database, no
        // repeated texts on the wire. A series is sorted by time here only when its file was not.
        Map<Integer, SensorSeries> byId = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select s.series_id, s.plant, s.sensor_id, s.unit "
                + "from ingest.v_sensor_series s where s.series_id in (select distinct series_id from "
                + "ingest.v_sensor_reading where upload_id = ?) order by s.plant, s.sensor_id, s.series_id")) {
            ps.setLong(1, job.uploadId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byId.put(rs.getInt(1), new SensorSeries(rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("select series_id, record_id, date_part('epoch', ts)::bigint, "
                + "value, raw_value from ingest.v_sensor_reading where upload_id = ?")) {
            // a million rows: binary transfer from the first execution (ids, seconds and values decoded from
            // bytes, not parsed from text)
            ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(-1);
            ps.setFetchSize(20_000);
            ps.setLong(1, job.uploadId());
            try (ResultSet rs = ps.executeQuery()) {
                SensorSeries current = null;
                int currentId = Integer.MIN_VALUE;
                while (rs.next()) {
                    int id = rs.getInt(1);
                    if (id != currentId) {
                        current = byId.get(id);
                        currentId = id;
                    }
                    double v = rs.getDouble(4);
                    if (rs.wasNull()) {
                        v = Double.NaN;
                    }
                    current.add(rs.getLong(2), rs.getLong(3), v, rs.getString(5));
                }
            }
        }
        List<SensorSeries> all = new ArrayList<>();
        for (SensorSeries series : byId.values()) {
            series.sortByTime();
            all.add(series);
        }
        long t1 = System.nanoTime();
        List<long[]> elsewhere = new ArrayList<>();
        long n = 0;
        for (SensorSeries s : all) {
            elsewhere.add(loggedElsewhere(c, job.uploadId(), s));
            writeDays(c, job, config, s, changed);
            n += s.size();
        }
        long t2 = System.nanoTime();
        copy(c, job, config, out -> {
            for (int i = 0; i < all.size(); i++) {
                SensorSeries s = all.get(i);
                out.writeSensor(SensorGrader.grade(s, thresholds(config, s), elsewhere.get(i)));
            }
        });
        LOG.debugf("job %d: read %d readings in %d ms, context in %d ms, graded and copied in %d ms", job.id(), n,
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
        return n;
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
        long[] out = new long[16];
        int n = 0;
        try (PreparedStatement ps = c.prepareStatement("select distinct date_part('epoch', ts)::bigint from "
                + "ingest.v_sensor_reading where plant = ? and sensor_id = ? and ts between ? and ? and upload_id <> ? "
                + "order by 1")) {
            ps.setString(1, s.plant);
            ps.setString(2, s.sensor);
            ps.setTimestamp(3, Timestamp.valueOf(LocalDateTime.ofEpochSecond(s.firstEpoch(), 0, ZoneOffset.UTC)));
            // the upload's own readings are excluded by upload_id; BRIN on ts narrows the scan
            ps.setTimestamp(4, Timestamp.valueOf(LocalDateTime.ofEpochSecond(s.lastEpoch(), 0, ZoneOffset.UTC)));
            ps.setLong(5, uploadId);
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
