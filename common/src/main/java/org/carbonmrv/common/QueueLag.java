package org.carbonmrv.common;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * A work queue's lag as a readiness check: pending and parked entries, age of the oldest pending one, and upstream
 * events not yet mirrored into the queue. A service's check is a subclass naming its queue.
 */
public abstract class QueueLag implements HealthCheck {

    private final Sql sql;
    private final String name;
    private final String queue;
    private final String unclaimed;

    /**
     * @param queue the queue table (with status and created_at)
     * @param unclaimed a count query of upstream events without a queue entry
     */
    protected QueueLag(Sql sql, String name, String queue, String unclaimed) {
        this.sql = sql;
        this.name = name;
        this.queue = queue;
        this.unclaimed = unclaimed;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named(name);
        try {
            Map<String, Object> row = sql.rows("select count(*) filter (where status = 'PENDING') as pending, "
                    + "count(*) filter (where status = 'PARKED') as parked, coalesce(extract(epoch from now() - "
                    + "min(created_at) filter (where status = 'PENDING')), 0)::bigint as oldest_pending_seconds, ("
                    + unclaimed + ") as unclaimed_events from " + queue, List.of()).get(0);
            row.forEach((k, v) -> b.withData(k, ((Number) v).longValue()));
            return b.up().build();
        } catch (RuntimeException e) {
            return b.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
