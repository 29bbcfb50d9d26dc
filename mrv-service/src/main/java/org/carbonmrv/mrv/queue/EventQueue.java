package org.carbonmrv.mrv.queue;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.Jdbc;
import org.carbonmrv.mrv.config.MrvConfig;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The recompute work queue ({@code mrv.event}). qaqc's grade events for lab and operations records are mirrored
 * once each (unique source event: sensor grades do not enter a daily figure); events are claimed in batches with
 * {@code FOR UPDATE SKIP LOCKED} and marked done in the recompute transaction.
 */
@ApplicationScoped
public class EventQueue {

    private final AgroalDataSource dataSource;
    private final MrvConfig config;

    public EventQueue(AgroalDataSource dataSource, MrvConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /** The newest entries (all, or of one status), newest first. */
    public List<QueueEntry> entries(QueueEntry.Status status, int limit) {
        return Jdbc.list(dataSource, "select id, source_event_id, plant, day, record_type, qaqc_job_id, override_id, "
                + "status, attempts, last_error, created_at, done_at from mrv.event where (?::text is null or status "
                + "= ?) order by id desc limit ?", rs -> new QueueEntry(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        rs.getObject(4, LocalDate.class), rs.getString(5), Jdbc.bigint(rs, 6), Jdbc.bigint(rs, 7),
                        QueueEntry.Status.valueOf(rs.getString(8)), rs.getInt(9), rs.getString(10),
                        Jdbc.instant(rs, 11), Jdbc.instant(rs, 12)), status == null ? null : status.name(),
                status == null ? null : status.name(), limit);
    }

    /** Mirrors grade events not seen yet. @return events added */
    public int sync() {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "insert into mrv.event (source_event_id, plant, day, record_type, qaqc_job_id, override_id, "
                            + "traceparent) select e.id, e.plant, e.day, e.record_type, e.job_id, e.override_id, "
                            + "e.traceparent "
                            + "from qaqc.grade_event e where e.record_type in ('lab', 'ops') "
                            + "and not exists (select 1 from mrv.event m where m.source_event_id = e.id) "
                            + "order by e.id on conflict (source_event_id) do nothing")) {
                return ps.executeUpdate();
            }
        });
    }

    /** Plants whose current registry version (ingest's v_plant) their figures have not been recomputed for. */
    public java.util.Map<String, Integer> plantVersionsToApply(Connection c) throws SQLException {
        java.util.Map<String, Integer> out = new java.util.TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("select p.plant, p.version from ingest.v_plant p "
                + "left join mrv.plant_applied a on a.plant = p.plant where a.version is distinct from p.version");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getInt(2));
            }
        }
        return out;
    }

    /** Claims up to {@code limit} pending events, oldest first, on the caller's transaction connection. */
    public List<GradeEvent> claim(Connection c, int limit) throws SQLException {
        return claim(c, "order by id limit ?", limit);
    }

    /** Claims exactly these events if still pending (the retry of a failed batch, one plant-day at a time). */
    public List<GradeEvent> claim(Connection c, List<Long> ids) throws SQLException {
        return claim(c, "and id = any (?) order by id", c.createArrayOf("bigint", ids.toArray()));
    }

    private static List<GradeEvent> claim(Connection c, String condition, Object parameter) throws SQLException {
        List<GradeEvent> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select id, source_event_id, plant, day, record_type, "
                + "qaqc_job_id, override_id, traceparent from mrv.event where status = 'PENDING' " + condition
                + " for update skip locked")) {
            ps.setObject(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new GradeEvent(rs.getLong(1), rs.getLong(2), rs.getString(3),
                            rs.getObject(4, LocalDate.class), rs.getString(5), (Long) rs.getObject(6),
                            (Long) rs.getObject(7), rs.getString(8)));
                }
            }
        }
        return out;
    }

    public void done(Connection c, List<GradeEvent> events) throws SQLException {
        Array ids = c.createArrayOf("bigint", events.stream().map(GradeEvent::id).toArray());
        try (PreparedStatement ps = c.prepareStatement(
                "update mrv.event set status = 'DONE', done_at = now() where id = any (?)")) {
            ps.setArray(1, ids);
            ps.executeUpdate();
        }
    }

    /** Counts a failed attempt in its own transaction; parks the events with the error after max-attempts. */
    public void failed(List<Long> ids, Throwable error) {
        String message = error.getClass().getSimpleName() + ": " + error.getMessage();
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "update mrv.event set attempts = attempts + 1, last_error = ?, "
                            + "status = case when attempts + 1 >= ? then 'PARKED' else 'PENDING' end "
                            + "where id = any (?)")) {
                ps.setString(1, message.length() > 4000 ? message.substring(0, 4000) : message);
                ps.setInt(2, config.maxAttempts());
                ps.setArray(3, c.createArrayOf("bigint", ids.toArray()));
                ps.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
