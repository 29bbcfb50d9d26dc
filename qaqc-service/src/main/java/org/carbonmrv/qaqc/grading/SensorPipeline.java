package org.carbonmrv.qaqc.grading;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.BinaryCopyReader;
import org.carbonmrv.qaqc.queue.Job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Grades one upload's sensor readings: read with one binary COPY in file order and grouped by series, each series
 * given its plant's zone, the instants other uploads logged and the sensor's calibrations, graded, and written with
 * its local days' completeness. Everything is read (and the days written) before the grades' COPY opens: no other
 * statement may run on the connection while it is open.
 */
@ApplicationScoped
public class SensorPipeline {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(SensorPipeline.class);

    private final ObjectMapper json;
    private final SensorGradePartitions partitions;

    public SensorPipeline(ObjectMapper json, SensorGradePartitions partitions) {
        this.json = json;
        this.partitions = partitions;
    }

    /** @return how many readings were graded */
    public long grade(Connection c, Job job, GradingConfig config, Set<PlantDay> changed)
            throws SQLException, IOException {
        long t0 = System.nanoTime();
        List<SensorSeries> all = describe(c, readings(c, job.uploadId()));
        long t1 = System.nanoTime();
        List<long[]> elsewhere = new ArrayList<>();
        List<long[]> calibrations = new ArrayList<>();
        long n = 0;
        for (SensorSeries s : all) {
            s.sortByTime();
            elsewhere.add(loggedElsewhere(c, job.uploadId(), s));
            calibrations.add(calibrations(c, s));
            writeDays(c, job, config, s, changed);
            n += s.size();
        }
        long t2 = System.nanoTime();
        partitions.ensure(SensorGradePartitions.monthsOf(all));
        SensorGradeWriter out = new SensorGradeWriter(c, job.id(), config.version, job.uploadId());
        try {
            for (int i = 0; i < all.size(); i++) {
                SensorSeries s = all.get(i);
                out.write(SensorGrader.grade(s, thresholds(config, s), elsewhere.get(i), calibrations.get(i)));
            }
        } catch (IOException | RuntimeException e) {
            out.cancel();
            throw e;
        }
        out.finish();
        LOG.debugf("job %d: read %d readings in %d ms, context in %d ms, graded and written in %d ms (%d outcomes)",
                job.id(), n, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000,
                out.outcomes());
        return n;
    }

    /**
     * Readings in file order with one binary COPY (no cursor round trips, no objects per row), grouped by series id
     * here: no sort of a million rows in the database.
     */
    private static Map<Integer, SensorSeries> readings(Connection c, long uploadId) throws SQLException, IOException {
        Map<Integer, SensorSeries> byId = new LinkedHashMap<>();
        try (BinaryCopyReader r = new BinaryCopyReader(c, "select series_id, record_id, ts, value, raw_value "
                + "from ingest.v_sensor_reading where upload_id = " + uploadId)) {
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
        return byId;
    }

    /** Gives each series its plant, sensor, unit and zone; the series in (plant, sensor, series id) order. */
    private static List<SensorSeries> describe(Connection c, Map<Integer, SensorSeries> byId) throws SQLException {
        List<SensorSeries> all = new ArrayList<>();
        List<String[]> described = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select series_id, plant, sensor_id, unit from "
                + "ingest.v_sensor_series where series_id = any (?) order by plant, sensor_id, series_id")) {
            ps.setArray(1, c.createArrayOf("integer", byId.keySet().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    described.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
                }
            }
        }
        if (described.size() != byId.size()) {
            throw new IllegalStateException("readings of an unknown sensor series in " + byId.keySet());
        }
        PlantRegistry plants = PlantRegistry.load(c, described.stream().map(d -> d[1]).distinct().toList());
        for (String[] d : described) {
            SensorSeries s = byId.get(Integer.valueOf(d[0]));
            s.describe(d[1], d[2], d[3], plants.of(d[1]).zone());
            all.add(s);
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

    private static OffsetDateTime instant(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond).atOffset(ZoneOffset.UTC);
    }

    /**
     * Instants (sorted epoch seconds) of this sensor, within the series' span, that earlier uploads logged too. Only
     * earlier ones: an upload's grades then do not depend on what arrived after it or on which job a replica took
     * first (a later upload's overlap is flagged in the later upload).
     */
    private static long[] loggedElsewhere(Connection c, long uploadId, SensorSeries s) throws SQLException {
        // first the other uploads whose span of this sensor overlaps (a few rows), and only their readings then: a
        // scan by time alone would also read this upload's own, newest readings, which BRIN cannot leave out
        List<Long> others = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select upload_id from ingest.v_sensor_upload_series "
                + "where plant = ? and sensor_id = ? and upload_id < ? and first_ts <= ? and last_ts >= ?")) {
            ps.setString(1, s.plant);
            ps.setString(2, s.sensor);
            ps.setLong(3, uploadId);
            ps.setObject(4, instant(s.lastEpoch()));
            ps.setObject(5, instant(s.firstEpoch()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    others.add(rs.getLong(1));
                }
            }
        }
        if (others.isEmpty()) {
            return new long[0];
        }
        try (PreparedStatement ps = c.prepareStatement("select distinct date_part('epoch', ts)::bigint from "
                + "ingest.v_sensor_reading where upload_id = any (?) and plant = ? and sensor_id = ? "
                + "and ts between ? and ? order by 1")) {
            ps.setArray(1, c.createArrayOf("bigint", others.toArray()));
            ps.setString(2, s.plant);
            ps.setString(3, s.sensor);
            ps.setObject(4, instant(s.firstEpoch()));
            ps.setObject(5, instant(s.lastEpoch()));
            ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(-1);
            ps.setFetchSize(10_000);
            return longs(ps);
        }
    }

    /** The sensor's calibration instants, in order. */
    private static long[] calibrations(Connection c, SensorSeries s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select date_part('epoch', calibrated_at)::bigint from "
                + "ingest.v_sensor_calibration where plant = ? and sensor_id = ? order by calibrated_at")) {
            ps.setString(1, s.plant);
            ps.setString(2, s.sensor);
            return longs(ps);
        }
    }

    private static long[] longs(PreparedStatement ps) throws SQLException {
        long[] out = new long[16];
        int n = 0;
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, n * 2);
                }
                out[n++] = rs.getLong(1);
            }
        }
        return Arrays.copyOf(out, n);
    }

    private String toJson(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
