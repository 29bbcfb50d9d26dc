package org.carbonmrv.mrv.approval;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.problem.Problem;
import org.carbonmrv.common.security.Audit;
import org.carbonmrv.common.vocabulary.ApprovalState;
import org.carbonmrv.mrv.cache.Revisions;
import org.carbonmrv.mrv.version.VersionRepository;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * A reviewer's decision on a plant's period. Approving locks the days and makes any figure waiting for approval
 * (PENDING) the current one: the reviewer approves what the API shows, recorded per day with its version.
 */
@ApplicationScoped
public class ApprovalService {

    private final AgroalDataSource dataSource;
    private final Audit audit;
    private final Revisions revisions;
    private final VersionRepository versions;
    private final ApprovalRepository approvals;

    public ApprovalService(AgroalDataSource dataSource, Audit audit, Revisions revisions, VersionRepository versions,
            ApprovalRepository approvals) {
        this.dataSource = dataSource;
        this.audit = audit;
        this.revisions = revisions;
        this.versions = versions;
        this.approvals = approvals;
    }

    /** A stored decision: its id and the days it covered. */
    public record Decided(long id, int days) {
    }

    /** @return the new decision's id */
    public long decide(String plant, LocalDate from, LocalDate to, ApprovalState.Decision decision, String comment) {
        String by = audit.subject();
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                Decided d = record(c, plant, from, to, decision, comment, by);
                audit.record("approval." + decision.name().toLowerCase(), "approval " + d.id, Map.of("plant", plant,
                        "from", from.toString(), "to", to.toString(), "comment", comment.strip(), "days", d.days));
                return d.id;
            }
        });
    }

    /**
     * Records a decision on the caller's transaction (locks the plant, promotes pending figures when approving,
     * records each day's version); refuses a period without figures.
     */
    public Decided record(Connection c, String plant, LocalDate from, LocalDate to, ApprovalState.Decision decision,
            String comment, String by) throws SQLException, IOException {
        versions.lockPlants(c, List.of(plant));
        if (decision == ApprovalState.Decision.APPROVED) {
            // a waiting figure is what the reviewer saw in the API as pending: it becomes current
            versions.promotePending(c, plant, from, to);
        }
        long id = approvals.insert(c, plant, from, to, decision, comment.strip(), by);
        int days = approvals.recordDays(c, id, plant, from, to);
        if (days == 0) {
            throw Problem.unprocessable("Nothing to decide", "no daily figure for " + plant + " between " + from
                    + " and " + to);
        }
        revisions.bump(c);
        return new Decided(id, days);
    }

    public List<Approval> list(String plant) {
        return approvals.list(plant);
    }

    public java.util.Optional<Approval> byId(long id) {
        return approvals.byId(id);
    }
}
