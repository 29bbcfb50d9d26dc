package org.carbonmrv.mrv.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.QueueLag;
import org.carbonmrv.common.Sql;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Recompute lag in the readiness detail: pending and parked events, age of the oldest pending one. */
@Readiness
@ApplicationScoped
public class QueueHealthCheck implements HealthCheck {

    private final Sql sql;

    public QueueHealthCheck(Sql sql) {
        this.sql = sql;
    }

    @Override
    public HealthCheckResponse call() {
        return QueueLag.check(sql, "recompute queue", "mrv.event", "select count(*) from qaqc.grade_event e "
                + "where e.record_type in ('lab', 'ops') and not exists (select 1 from mrv.event m "
                + "where m.source_event_id = e.id)");
    }
}
