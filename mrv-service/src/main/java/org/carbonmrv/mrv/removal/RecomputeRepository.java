package org.carbonmrv.mrv.removal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.Jdbc;

/**
 * The SQL of recomputing, on the caller's transaction: methodologies stored once per definition, operators'
 * recompute requests, and the registry version each plant's figures were last recomputed for.
 */
@ApplicationScoped
public class RecomputeRepository {

    /** The id of the methodology with this definition, stored when new. */
    public int methodologyId(Connection c, String version, String definition, String fingerprint)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into mrv.methodology (version, definition, "
                + "fingerprint) values (?, ?::jsonb, ?) on conflict (fingerprint) do nothing")) {
            ps.setString(1, version);
            ps.setString(2, definition);
            ps.setString(3, fingerprint);
            ps.executeUpdate();
        }
        return Jdbc.list(c, "select id from mrv.methodology where fingerprint = ?", rs -> rs.getInt(1), fingerprint)
                .get(0);
    }

    /** Records who asked to recompute which days. @return the request's id */
    public long insertRequest(Connection c, String plant, LocalDate from, LocalDate to, String by)
            throws SQLException {
        return Jdbc.list(c, "insert into mrv.recompute_request (plant, from_day, to_day, requested_by) values "
                + "(?, ?, ?, ?) returning id", rs -> rs.getLong(1), plant, from, to, by).get(0);
    }

    public void recordRequestOutcome(Connection c, long requestId, int days, int newVersions) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update mrv.recompute_request set days = ?, new_versions = ? "
                + "where id = ?")) {
            ps.setInt(1, days);
            ps.setInt(2, newVersions);
            ps.setLong(3, requestId);
            ps.executeUpdate();
        }
    }

    /** The registry version the plant's figures were last recomputed for. */
    public Optional<Integer> appliedPlantVersion(Connection c, String plant) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select version from mrv.plant_applied where plant = ?")) {
            ps.setString(1, plant);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
            }
        }
    }

    public void recordPlantVersionApplied(Connection c, String plant, int version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into mrv.plant_applied (plant, version) values (?, ?) "
                + "on conflict (plant) do update set version = excluded.version, applied_at = now()")) {
            ps.setString(1, plant);
            ps.setInt(2, version);
            ps.executeUpdate();
        }
    }
}
