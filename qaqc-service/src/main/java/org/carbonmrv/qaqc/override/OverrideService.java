package org.carbonmrv.qaqc.override;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.security.Audit;
import org.carbonmrv.qaqc.grading.GradeEvents;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Reviewers' overrides: each one, and each revocation, is stored with the grade events of the days it touches (so
 * that mrv recomputes them) and an audit entry, in one transaction.
 */
@ApplicationScoped
public class OverrideService {

    private final AgroalDataSource dataSource;
    private final OverrideRepository overrides;
    private final GradeEvents events;
    private final Audit audit;

    public OverrideService(AgroalDataSource dataSource, OverrideRepository overrides, GradeEvents events,
            Audit audit) {
        this.dataSource = dataSource;
        this.overrides = overrides;
        this.events = events;
        this.audit = audit;
    }

    public FlagOverride create(NewOverride o) {
        String by = audit.subject();
        long id = QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                long created = overrides.insert(c, o, by);
                events.ofOverride(c, created);
                audit.record("override.create", "override " + created, Map.of("flag", o.flag().name(), "reason",
                        o.reason(), "record_type", String.valueOf(o.recordType()), "record_ids", o.byIds()
                                ? o.recordIds() : List.of(), "plant", String.valueOf(o.plant())));
                return created;
            }
        });
        return overrides.byId(id).orElseThrow();
    }

    public Revocation revoke(long id, String reason) {
        String by = audit.subject();
        boolean revoked = QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                boolean changed = overrides.revoke(c, id, by, reason);
                if (changed) {
                    events.ofOverride(c, id);
                    audit.record("override.revoke", "override " + id, Map.of("reason", String.valueOf(reason)));
                }
                return changed;
            }
        });
        Optional<FlagOverride> o = overrides.byId(id);
        if (o.isEmpty()) {
            return new Revocation.NotFound(id);
        }
        return revoked ? new Revocation.Revoked(o.get()) : new Revocation.AlreadyRevoked(o.get());
    }

    public Optional<FlagOverride> byId(long id) {
        return overrides.byId(id);
    }

    public List<FlagOverride> list(boolean activeOnly) {
        return overrides.list(activeOnly);
    }
}
