package org.carbonmrv.mrv.removal;

import java.sql.Connection;
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
        Jdbc.update(c, "insert into mrv.methodology (version, definition, fingerprint) values (?, ?::jsonb, ?) "
                + "on conflict (fingerprint) do nothing", version, definition, fingerprint);
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
        Jdbc.update(c, "update mrv.recompute_request set days = ?, new_versions = ? where id = ?", days,
                newVersions, requestId);
    }

    /** The registry version the plant's figures were last recomputed for. */
    public Optional<Integer> appliedPlantVersion(Connection c, String plant) throws SQLException {
        return Jdbc.list(c, "select version from mrv.plant_applied where plant = ?", rs -> rs.getInt(1), plant)
                .stream().findFirst();
    }

    public void recordPlantVersionApplied(Connection c, String plant, int version) throws SQLException {
        Jdbc.update(c, "insert into mrv.plant_applied (plant, version) values (?, ?) on conflict (plant) do update "
                + "set version = excluded.version, applied_at = now()", plant, version);
    }
}
