package org.carbonmrv.ingest.sensor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

/**
 * The SQL of {@code ingest.sensor_day_stats}: each upload's readings of a series per plant-local day, in the plant's
 * current zone. Both writers take the plant's advisory lock first, so that an upload and a change of the plant's zone
 * never interleave: an upload waiting for a zone change reads the new zone; a zone change waiting for an upload sees
 * its readings when it makes the plant's rows again.
 */
@ApplicationScoped
public class SensorDayStatsRepository {

    /** The readings' days in the zone of the plant's latest version (UTC for a plant not registered). */
    private static final String STATS = "insert into ingest.sensor_day_stats (plant, upload_id, series_id, day, "
            + "time_zone, readings, numeric_readings, value_sum, value_min, value_max) "
            + "select r.plant, r.upload_id, r.series_id, (r.ts at time zone coalesce(z.time_zone, 'UTC'))::date, "
            + "coalesce(z.time_zone, 'UTC'), count(*), count(r.value), sum(r.value), min(r.value), max(r.value) "
            + "from ingest.sensor_reading r left join (select distinct on (plant) plant, time_zone "
            + "from ingest.plant_version order by plant, version desc) z on z.plant = r.plant ";
    private static final String GROUP = " group by 1, 2, 3, 4, 5";

    /** An upload's rows, on its transaction's connection, once its readings (spanning first..last) are copied. */
    public void writeUpload(Connection c, long uploadId, Collection<String> plants, OffsetDateTime first,
            OffsetDateTime last) throws SQLException {
        for (String plant : plants) {
            lock(c, plant);
        }
        try (PreparedStatement ps = c.prepareStatement(STATS + "where r.upload_id = ? and r.plant = any (?) "
                + "and r.ts between ? and ?" + GROUP)) {
            ps.setLong(1, uploadId);
            ps.setArray(2, c.createArrayOf("text", plants.toArray()));
            ps.setObject(3, first);
            ps.setObject(4, last);
            ps.executeUpdate();
        }
    }

    private final AgroalDataSource dataSource;

    public SensorDayStatsRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Every row of a plant made again (its zone changed), in the caller's transaction. */
    public void rebuild(String plant) {
        try (Connection c = dataSource.getConnection()) {
            rebuild(c, plant);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot make the daily statistics of " + plant + " again", e);
        }
    }

    private void rebuild(Connection c, String plant) throws SQLException {
        lock(c, plant);
        try (PreparedStatement del = c.prepareStatement("delete from ingest.sensor_day_stats where plant = ?");
                PreparedStatement ins = c.prepareStatement(STATS + "where r.plant = ?" + GROUP)) {
            del.setString(1, plant);
            del.executeUpdate();
            ins.setString(1, plant);
            ins.executeUpdate();
        }
    }

    /** Held to the end of the transaction. */
    private static void lock(Connection c, String plant) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(hashtext('ingest.sensor_day_stats "
                + "' || ?))")) {
            ps.setString(1, plant);
            ps.execute();
        }
    }
}
