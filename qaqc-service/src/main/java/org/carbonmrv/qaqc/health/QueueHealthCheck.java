package org.carbonmrv.qaqc.health;

import jakarta.inject.Singleton;

import javax.sql.DataSource;

import org.carbonmrv.common.QueueLag;
import org.eclipse.microprofile.health.Readiness;

/** Grading lag in the readiness detail and as carbonmrv_queue_* gauges: pending and parked jobs, age of the oldest pending one. */
@Readiness
@Singleton
public class QueueHealthCheck extends QueueLag {

    public QueueHealthCheck(DataSource dataSource) {
        super(dataSource, "grading queue", "grading", "qaqc.job", "select count(*) from ingest.upload_event e "
                + "where not exists (select 1 from qaqc.job j where j.source_event_id = e.id)");
    }
}
