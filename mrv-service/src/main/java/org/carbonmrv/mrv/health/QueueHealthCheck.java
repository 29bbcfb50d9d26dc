package org.carbonmrv.mrv.health;

import jakarta.inject.Singleton;

import javax.sql.DataSource;

import org.carbonmrv.common.QueueLag;
import org.eclipse.microprofile.health.Readiness;

/** Recompute lag in the readiness detail and as carbonmrv_queue_* gauges: pending and parked events, age of the oldest pending one. */
@Readiness
@Singleton
public class QueueHealthCheck extends QueueLag {

    public QueueHealthCheck(DataSource dataSource) {
        super(dataSource, "recompute queue", "recompute", "mrv.event", "select count(*) from qaqc.grade_event e "
                + "where e.record_type in ('lab', 'ops') and not exists (select 1 from mrv.event m "
                + "where m.source_event_id = e.id)");
    }
}
