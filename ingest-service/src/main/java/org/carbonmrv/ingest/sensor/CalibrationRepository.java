package org.carbonmrv.ingest.sensor;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.Jdbc;

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
        return Jdbc.list(dataSource, "insert into ingest.sensor_calibration (plant, sensor_id, calibrated_at, method, "
                + "reference_material, reference_lot, offset_found, slope_found, certificate_sha256, "
                + "certificate_file_name, comment, created_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "returning id", rs -> rs.getLong(1), c.plant(), c.sensorId(), c.calibratedAt(), c.method(),
                c.referenceMaterial(), c.referenceLot(), c.offsetFound(), c.slopeFound(), c.certificateSha256(),
                c.certificateFileName(), c.comment(), c.createdBy()).get(0);
    }

    /** A sensor's calibrations (of one plant, or of every plant with that sensor id), oldest first. */
    public List<Calibration> of(String sensorId, String plant) {
        return Jdbc.list(dataSource, "select " + COLUMNS + " from ingest.sensor_calibration where sensor_id = ? and "
                + "(?::text is null or plant = ?) order by calibrated_at, id", CalibrationRepository::row, sensorId,
                plant, plant);
    }

    public Optional<Calibration> byId(String sensorId, long id) {
        return Jdbc.first(dataSource, "select " + COLUMNS + " from ingest.sensor_calibration where sensor_id = ? "
                + "and id = ?", CalibrationRepository::row, sensorId, id);
    }

    private static Calibration row(ResultSet rs) throws SQLException {
        return new Calibration(rs.getLong(1), rs.getString(2), rs.getString(3), Jdbc.instant(rs, 4), rs.getString(5),
                rs.getString(6), rs.getString(7), Jdbc.number(rs, 8), Jdbc.number(rs, 9), rs.getString(10),
                rs.getString(11), rs.getString(12), rs.getString(13), Jdbc.instant(rs, 14));
    }
}
