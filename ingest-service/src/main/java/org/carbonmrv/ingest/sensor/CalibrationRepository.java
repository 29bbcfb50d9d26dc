package org.carbonmrv.ingest.sensor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

/** The calibrations' SQL ({@code ingest.sensor_calibration}), on the caller's transaction when there is one. */
@ApplicationScoped
public class CalibrationRepository {

    private static final String COLUMNS = "id, plant, sensor_id, calibrated_at, method, reference_material, "
            + "reference_lot, offset_found, slope_found, certificate_sha256, certificate_file_name, comment, "
            + "created_by, created_at";

    private final AgroalDataSource dataSource;

    public CalibrationRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @return the new calibration's id */
    public long insert(Calibration c) {
        try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(
                "insert into ingest.sensor_calibration (plant, sensor_id, calibrated_at, method, reference_material, "
                        + "reference_lot, offset_found, slope_found, certificate_sha256, certificate_file_name, "
                        + "comment, created_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id")) {
            ps.setString(1, c.plant());
            ps.setString(2, c.sensorId());
            ps.setObject(3, c.calibratedAt());
            ps.setString(4, c.method());
            ps.setString(5, c.referenceMaterial());
            ps.setString(6, c.referenceLot());
            ps.setObject(7, c.offsetFound());
            ps.setObject(8, c.slopeFound());
            ps.setString(9, c.certificateSha256());
            ps.setString(10, c.certificateFileName());
            ps.setString(11, c.comment());
            ps.setString(12, c.createdBy());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the calibration", e);
        }
    }

    /** A sensor's calibrations (of one plant, or of every plant with that sensor id), oldest first. */
    public List<Calibration> of(String sensorId, String plant) {
        return query("select " + COLUMNS + " from ingest.sensor_calibration where sensor_id = ? and (? is null or "
                + "plant = ?) order by calibrated_at, id", sensorId, plant, plant);
    }

    public Optional<Calibration> byId(String sensorId, long id) {
        return query("select " + COLUMNS + " from ingest.sensor_calibration where sensor_id = ? and id = ?",
                sensorId, id).stream().findFirst();
    }

    private List<Calibration> query(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<Calibration> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Calibration(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getObject(4, OffsetDateTime.class), rs.getString(5), rs.getString(6), rs.getString(7),
                            (Double) rs.getObject(8), (Double) rs.getObject(9), rs.getString(10), rs.getString(11),
                            rs.getString(12), rs.getString(13), rs.getObject(14, OffsetDateTime.class)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read calibrations", e);
        }
    }
}
