package org.carbonmrv.qaqc.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.QueueLag;
import org.carbonmrv.common.Sql;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

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
        return QueueLag.check(sql, "grading queue", "qaqc.job", "select count(*) from ingest.upload_event e "
                + "where not exists (select 1 from qaqc.job j where j.source_event_id = e.id)");
    }
}
