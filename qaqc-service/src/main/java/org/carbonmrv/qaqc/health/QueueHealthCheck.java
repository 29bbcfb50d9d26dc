package org.carbonmrv.qaqc.health;

import java.util.List;
import java.util.Map;

import org.carbonmrv.common.Sql;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import jakarta.enterprise.context.ApplicationScoped;

/** Grading lag in the readiness detail: pending and parked jobs, age of the oldest pending one. */
@Readiness
@ApplicationScoped
public class QueueHealthCheck implements HealthCheck {

    private final Sql sql;

    public QueueHealthCheck(Sql sql) {
        this.sql = sql;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("grading queue");
        try {
            Map<String, Object> row = sql.rows("select count(*) filter (where status = 'PENDING') as pending, "
                    + "count(*) filter (where status = 'PARKED') as parked, coalesce(extract(epoch from now() - "
                    + "min(created_at) filter (where status = 'PENDING')), 0)::bigint as oldest_pending_seconds, "
                    + "(select count(*) from ingest.upload_event e where not exists (select 1 from qaqc.job j "
                    + "where j.source_event_id = e.id)) as unclaimed_events from qaqc.job", List.of()).get(0);
            row.forEach((k, v) -> b.withData(k, ((Number) v).longValue()));
            return b.up().build();
        } catch (RuntimeException e) {
            return b.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
