package org.carbonmrv.mrv.approval;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.security.Audit;
import org.carbonmrv.mrv.cache.Revisions;
import org.carbonmrv.mrv.removal.RemovalStore;

import io.agroal.api.AgroalDataSource;
import org.carbonmrv.common.problem.Problem;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * A reviewer's decision on a plant's period. Approving locks the days and makes any figure waiting for approval
 * (PENDING) the current one: the reviewer approves what the API shows, recorded per day with its version.
 */
@ApplicationScoped
public class ApprovalService {

    public static final String APPROVED = "APPROVED";
    public static final String REJECTED = "REJECTED";

    private final AgroalDataSource dataSource;

    private final Audit audit;
    private final Revisions revisions;

    public ApprovalService(AgroalDataSource dataSource, Audit audit, Revisions revisions) {
        this.audit = audit;
        this.revisions = revisions;
        this.dataSource = dataSource;
    }

    /** @return the new approval's id */
    public long decide(String plant, LocalDate from, LocalDate to, String decision, String comment) {
        String by = audit.subject();
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                Decided d = record(c, plant, from, to, decision, comment, by);
                audit.record("approval." + decision.toLowerCase(), "approval " + d.id, java.util.Map.of("plant",
                        plant, "from", from.toString(), "to", to.toString(), "comment", comment.strip(), "days",
                        d.days));
                return d.id;
            }
        });
    }

    /** A stored decision: its id and the days it covered. */
    public record Decided(long id, int days) {
    }

    /**
     * Records a decision on the caller's transaction (locks the plant, promotes pending figures when approving,
     * records each day's version); refuses a period without figures.
     */
    public Decided record(Connection c, String plant, LocalDate from, LocalDate to, String decision, String comment,
            String by) throws java.sql.SQLException {
        RemovalStore.lockPlants(c, List.of(plant));
        if (APPROVED.equals(decision)) {
            // a waiting figure is what the reviewer saw in the API as pending: it becomes current
            exec(c, "insert into mrv.removal_supersession (plant, day, version, superseded_by_version) "
                    + "select plant, day, current_version, pending_version from mrv.removal_state "
                    + "where plant = ? and day between ? and ? and pending_version is not null", plant, from, to);
            exec(c, "update mrv.removal_state set current_version = pending_version, current_fingerprint = "
                    + "pending_fingerprint, pending_version = null, pending_fingerprint = null where plant = ? "
                    + "and day between ? and ? and pending_version is not null", plant, from, to);
        }
        long id;
        try (PreparedStatement ps = bind(c, "insert into mrv.approval (plant, from_day, to_day, decision, comment, "
                + "decided_by) values (?, ?, ?, ?, ?, ?) returning id", plant, from, to, decision, comment.strip(), by);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            id = rs.getLong(1);
        }
        int days;
        try (PreparedStatement ps = bind(c, "insert into mrv.approval_day (approval_id, plant, day, version) "
                + "select ?, plant, day, current_version from mrv.removal_state where plant = ? and day between ? "
                + "and ?", id, plant, from, to)) {
            days = ps.executeUpdate();
        }
        if (days == 0) {
            throw Problem.status(422)
                    .title("Nothing to decide").detail("no daily figure for " + plant + " between "
                            + from + " and " + to)
                    .build();
        }
        revisions.bump(c);
        return new Decided(id, days);
    }

    private static void exec(Connection c, String sql, Object... params) throws java.sql.SQLException {
        try (PreparedStatement ps = bind(c, sql, params)) {
            ps.executeUpdate();
        }
    }

    /** A statement with its parameters set (the caller closes it). */
    private static PreparedStatement bind(Connection c, String sql, Object... params) throws java.sql.SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
        } catch (java.sql.SQLException e) {
            ps.close();
            throw e;
        }
        return ps;
    }
}
