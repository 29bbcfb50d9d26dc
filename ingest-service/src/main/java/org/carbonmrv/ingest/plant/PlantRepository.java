package org.carbonmrv.ingest.plant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.Jdbc;
import org.carbonmrv.ingest.persistence.JsonColumns;

import com.fasterxml.jackson.core.type.TypeReference;

import io.agroal.api.AgroalDataSource;

/** The plant registry's SQL ({@code ingest.plant_version}); the caller's transaction, when there is one. */
@ApplicationScoped
public class PlantRepository {

    private static final String COLUMNS = "plant, version, display_name, time_zone, upstream_point, downstream_point, "
            + "meters::text, active_from, active_to, comment, created_by, created_at";
    private static final TypeReference<List<PlantDefinition.FlowMeter>> METERS = new TypeReference<>() {
    };

    private final AgroalDataSource dataSource;
    private final JsonColumns json;

    public PlantRepository(AgroalDataSource dataSource, JsonColumns json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** The current version of every plant, by name. */
    public List<PlantVersion> current() {
        return query("select distinct on (plant) " + COLUMNS + " from ingest.plant_version "
                + "order by plant, version desc");
    }

    public Optional<PlantVersion> current(String plant) {
        return query("select " + COLUMNS + " from ingest.plant_version where plant = ? order by version desc "
                + "limit 1", plant).stream().findFirst();
    }

    public List<PlantVersion> versions(String plant) {
        return query("select " + COLUMNS + " from ingest.plant_version where plant = ? order by version", plant);
    }

    /** Stores the next version of a plant (1 for a new one), serialised per plant. @return its number */
    public int insert(String plant, PlantDefinition d, String comment, String by) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement lock = c.prepareStatement(
                    "select pg_advisory_xact_lock(hashtext('ingest.plant_version'), hashtext(?))")) {
                lock.setString(1, plant);
                lock.execute();
            }
            try (PreparedStatement ps = c.prepareStatement("insert into ingest.plant_version (plant, version, "
                    + "display_name, time_zone, upstream_point, downstream_point, meters, active_from, active_to, "
                    + "comment, created_by) select ?, coalesce(max(version), 0) + 1, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ? "
                    + "from ingest.plant_version where plant = ? returning version")) {
                ps.setString(1, plant);
                ps.setString(2, d.displayName().strip());
                ps.setString(3, d.timeZone().strip());
                ps.setString(4, d.samplingPoints().upstream().strip());
                ps.setString(5, d.samplingPoints().downstream().strip());
                ps.setString(6, json.write(d.meters()));
                ps.setObject(7, d.activeFrom());
                ps.setObject(8, d.activeTo());
                ps.setString(9, comment);
                ps.setString(10, by);
                ps.setString(11, plant);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store plant " + plant, e);
        }
    }

    private List<PlantVersion> query(String sql, Object... params) {
        return Jdbc.list(dataSource, sql, this::row, params);
    }

    private PlantVersion row(ResultSet rs) throws SQLException {
        List<PlantDefinition.FlowMeter> meters = json.read(rs.getString(7), METERS);
        PlantDefinition d = new PlantDefinition(rs.getString(3), rs.getString(4),
                new PlantDefinition.SamplingPoints(rs.getString(5), rs.getString(6)), meters,
                rs.getObject(8, LocalDate.class), rs.getObject(9, LocalDate.class));
        return new PlantVersion(rs.getString(1), rs.getInt(2), d, rs.getString(10), rs.getString(11),
                rs.getObject(12, OffsetDateTime.class));
    }
}
