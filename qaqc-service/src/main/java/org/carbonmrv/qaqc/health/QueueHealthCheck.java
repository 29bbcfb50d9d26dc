package org.carbonmrv.qaqc.health;

import jakarta.inject.Singleton;

import org.carbonmrv.common.QueueLag;
import org.carbonmrv.common.Sql;
import org.eclipse.microprofile.health.Readiness;

/** Grading lag in the readiness detail: pending and parked jobs, age of the oldest pending one. */
@Readiness
@Singleton
public class QueueHealthCheck extends QueueLag {

    public QueueHealthCheck(Sql sql) {
        super(sql, "grading queue", "qaqc.job", "select count(*) from ingest.upload_event e "
                + "where not exists (select 1 from qaqc.job j where j.source_event_id = e.id)");
    }
}
