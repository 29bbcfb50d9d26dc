package org.carbonmrv.qaqc.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.Jdbc;
import org.carbonmrv.qaqc.config.QaqcConfig;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The grading work queue ({@code qaqc.job}). New ingest upload events become jobs (once each: unique source
 * event); jobs are claimed with {@code FOR UPDATE SKIP LOCKED}, so replicas never grade the same job at once, and
 * marked done in the grading transaction.
 */
@ApplicationScoped
public class JobQueue {

    private final AgroalDataSource dataSource;
    private final QaqcConfig config;

    public JobQueue(AgroalDataSource dataSource, QaqcConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /**
     * Mirrors upload events that have no job yet, and gives each calibration seen for the first time a re-grading
     * job for every upload that logged its sensor after it. @return jobs added
     */
    public int syncUploadEvents() {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                return update(c, "insert into qaqc.job (kind, source_event_id, upload_id, record_type, traceparent) "
                        + "select 'upload', e.id, e.upload_id, e.record_type, e.traceparent from ingest.upload_event e "
                        + "where not exists (select 1 from qaqc.job j where j.source_event_id = e.id) "
                        + "order by e.id on conflict (source_event_id) do nothing")
                        + update(c, "with fresh as (insert into qaqc.calibration_seen (calibration_id) "
                        + "select calibration_id from ingest.v_sensor_calibration c where not exists (select 1 from "
                        + "qaqc.calibration_seen s where s.calibration_id = c.calibration_id) on conflict do nothing "
                        + "returning calibration_id) insert into qaqc.job (kind, upload_id, record_type, "
                        + "source_calibration_id) select distinct 'regrade', s.upload_id, 'sensor', f.calibration_id "
                        + "from fresh f join ingest.v_sensor_calibration c on c.calibration_id = f.calibration_id "
                        + "join ingest.v_sensor_upload_series s on s.plant = c.plant and s.sensor_id = c.sensor_id "
                        + "and s.last_ts >= c.calibrated_at");
            }
        });
    }

    private static int update(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            return ps.executeUpdate();
        }
    }

    /** A regrade job for every accepted upload, with a new configuration version. @return jobs added */
    public int enqueueRegradeAll(Connection c, int configVersion) throws SQLException {
        return Jdbc.update(c, "insert into qaqc.job (kind, upload_id, record_type, config_version) select 'regrade', "
                + "upload_id, record_type, ? from ingest.v_upload where status = 'ACCEPTED' order by upload_id",
                configVersion);
    }

    /** Claims the oldest pending job on the caller's transaction connection; null when there is none. */
    public Job claim(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select id, kind, upload_id, record_type, attempts, "
                + "traceparent from qaqc.job where status = 'PENDING' order by id limit 1 for update skip locked");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? new Job(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getInt(5),
                    rs.getString(6)) : null;
        }
    }

    public void done(Connection c, long jobId, int configVersion) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update qaqc.job set status = 'DONE', config_version = ?, "
                + "done_at = now(), updated_at = now() where id = ?")) {
            ps.setInt(1, configVersion);
            ps.setLong(2, jobId);
            ps.executeUpdate();
        }
    }

    /** Counts a failed attempt in its own transaction; parks the job with its error after max-attempts. */
    public void failed(long jobId, Throwable error) {
        String message = error.getClass().getSimpleName() + ": " + error.getMessage();
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "update qaqc.job set attempts = attempts + 1, last_error = ?, updated_at = now(), "
                            + "status = case when attempts + 1 >= ? then 'PARKED' else 'PENDING' end where id = ?")) {
                ps.setString(1, message.length() > 4000 ? message.substring(0, 4000) : message);
                ps.setInt(2, config.maxAttempts());
                ps.setLong(3, jobId);
                ps.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
