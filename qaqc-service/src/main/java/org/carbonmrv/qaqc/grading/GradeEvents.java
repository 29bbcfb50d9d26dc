package org.carbonmrv.qaqc.grading;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.trace.TraceParent;

/**
 * The one place that writes {@code qaqc.grade_event} (plant-days whose grades changed, for mrv-service), in the
 * transaction that changed them: a grading job's days, or the days of the records an override covers.
 */
@ApplicationScoped
public class GradeEvents {

    /** The days a job graded, with the grading's trace context (the job's span, when tracing is on). */
    public void ofJob(Connection c, long jobId, String recordType, Set<PlantDay> days) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into qaqc.grade_event (job_id, plant, day, record_type, traceparent) values (?, ?, ?, ?, ?)")) {
            String traceparent = TraceParent.current();
            for (PlantDay d : days) {
                ps.setLong(1, jobId);
                ps.setString(2, d.plant());
                ps.setObject(3, d.day());
                ps.setString(4, recordType);
                ps.setString(5, traceparent);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * The days of the records an override (or its revocation) covers. Sensor grades are found by their rows first (by
     * id range, or by plant and day), then by reading.
     */
    public void ofOverride(Connection c, long overrideId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into qaqc.grade_event (override_id, plant, day, "
                + "record_type, traceparent) select distinct o.id, g.plant, g.ts::date, g.record_type, "
                + "cast(? as text) from qaqc.override o "
                + "join qaqc.grade g on qaqc.override_covers(o, g.record_type, g.record_id, g.plant, g.parameter, g.ts) "
                + "where o.id = ? "
                + "union select o.id, s.plant, s.day, 'sensor', cast(? as text) from qaqc.override o "
                + "join qaqc.sensor_grade_reading s on (o.record_ids is null and s.plant = o.plant "
                + "and s.day between o.from_ts::date and o.to_ts::date or o.record_ids is not null "
                + "and int8range(s.first_record_id, s.last_record_id, '[]') && (select int8range(min(i), max(i), '[]') "
                + "from unnest(o.record_ids) i)) "
                + "and qaqc.override_covers(o, 'sensor', s.record_id, s.plant, s.sensor_id, s.ts) where o.id = ?")) {
            String traceparent = TraceParent.current(); // the override request's
            ps.setString(1, traceparent);
            ps.setLong(2, overrideId);
            ps.setString(3, traceparent);
            ps.setLong(4, overrideId);
            ps.executeUpdate();
        }
    }
}
