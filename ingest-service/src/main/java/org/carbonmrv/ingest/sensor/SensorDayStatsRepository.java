package org.carbonmrv.ingest.sensor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

/**
 * The SQL of {@code ingest.sensor_day_stats}: each upload's readings of a series per plant-local day, in the plant's
 * current zone. Writers take the plant's advisory lock first, so that an upload and a change of the plant's zone
 * never interleave: an upload finishing after a zone change sees the new zone (and counts its days again in it); a
 * zone change waiting for an upload sees its readings when it makes the plant's rows again.
 */
@ApplicationScoped
public class SensorDayStatsRepository {

    /** The zone a plant not registered counts its days in. */
    public static final ZoneId UNREGISTERED = ZoneId.of("UTC");
    /** The zone of each registered plant's current version (ingest.v_plant: its latest). */
    private static final String ZONES = "select plant, time_zone from ingest.v_plant";
    /** The readings' days in the zone of the plant's current version, from the readings themselves. */
    private static final String FROM_READINGS = "insert into ingest.sensor_day_stats (plant, upload_id, series_id, "
            + "day, time_zone, readings, numeric_readings, value_sum, value_min, value_max) "
            + "select r.plant, r.upload_id, r.series_id, (r.ts at time zone z.zone)::date, z.zone, count(*), "
            + "count(r.value), sum(r.value), min(r.value), max(r.value) from ingest.sensor_reading r "
            + "cross join lateral (select coalesce((select time_zone from ingest.v_plant p where p.plant = r.plant), '"
            + UNREGISTERED.getId() + "') as zone) z ";
    private static final String GROUP = " group by 1, 2, 3, 4, 5";

    private final AgroalDataSource dataSource;

    public SensorDayStatsRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The zone each registered plant's days are counted in now (a registry of plants: hundreds of rows). */
    public Map<String, ZoneId> zones(Connection c) throws SQLException {
        Map<String, ZoneId> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(ZONES); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), ZoneId.of(rs.getString(2)));
            }
        }
        return out;
    }

    /** Takes the plants' locks (to the end of the transaction), in name order so that two uploads never deadlock. */
    public void lock(Connection c, Collection<String> plants) throws SQLException {
        for (String plant : new java.util.TreeSet<>(plants)) {
            try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(hashtext("
                    + "'ingest.sensor_day_stats ' || ?))")) {
                ps.setString(1, plant);
                ps.execute();
            }
        }
    }

    /** One series' days of an upload, counted as its readings were copied in {@code stats.zone()}. */
    public void insert(Connection c, long uploadId, String plant, int seriesId, SensorDayStats stats)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into ingest.sensor_day_stats (plant, upload_id, "
                + "series_id, day, time_zone, readings, numeric_readings, value_sum, value_min, value_max) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (SensorDayStats.Day d : stats.days()) {
                ps.setString(1, plant);
                ps.setLong(2, uploadId);
                ps.setInt(3, seriesId);
                ps.setObject(4, d.day());
                ps.setString(5, stats.zone().getId());
                ps.setInt(6, d.readings());
                ps.setInt(7, d.numericReadings());
                setDouble(ps, 8, d.valueSum());
                setDouble(ps, 9, d.valueMin());
                setDouble(ps, 10, d.valueMax());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** One series' days of an upload counted from its copied readings (its plant's zone changed meanwhile). */
    public void insertFromReadings(Connection c, long uploadId, int seriesId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(FROM_READINGS + "where r.upload_id = ? and r.series_id = ?"
                + GROUP)) {
            ps.setLong(1, uploadId);
            ps.setInt(2, seriesId);
            ps.executeUpdate();
        }
    }

    /** Every row of a plant made again (its zone changed), in the caller's transaction. */
    public void rebuild(String plant) {
        try (Connection c = dataSource.getConnection()) {
            lock(c, java.util.List.of(plant));
            try (PreparedStatement del = c.prepareStatement("delete from ingest.sensor_day_stats where plant = ?");
                    PreparedStatement ins = c.prepareStatement(FROM_READINGS + "where r.plant = ?" + GROUP)) {
                del.setString(1, plant);
                del.executeUpdate();
                ins.setString(1, plant);
                ins.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot make the daily statistics of " + plant + " again", e);
        }
    }

    private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }
}
