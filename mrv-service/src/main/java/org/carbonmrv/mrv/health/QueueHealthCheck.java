package org.carbonmrv.mrv.health;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.Sql;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
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
        HealthCheckResponseBuilder b = HealthCheckResponse.named("recompute queue");
        try {
            Map<String, Object> row = sql.rows("select count(*) filter (where status = 'PENDING') as pending, "
                    + "count(*) filter (where status = 'PARKED') as parked, coalesce(extract(epoch from now() - "
                    + "min(created_at) filter (where status = 'PENDING')), 0)::bigint as oldest_pending_seconds, "
                    + "(select count(*) from qaqc.grade_event e where e.record_type in ('lab', 'ops') and not exists "
                    + "(select 1 from mrv.event m where m.source_event_id = e.id)) as unclaimed_events "
                    + "from mrv.event", List.of()).get(0);
            row.forEach((k, v) -> b.withData(k, ((Number) v).longValue()));
            return b.up().build();
        } catch (RuntimeException e) {
            return b.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
