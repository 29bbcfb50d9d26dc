package org.carbonmrv.mrv.approval;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.Jdbc;
import org.carbonmrv.common.vocabulary.ApprovalState;

import io.agroal.api.AgroalDataSource;

/** The decisions' SQL ({@code mrv.approval}, {@code mrv.approval_day}); the caller's transaction when it has one. */
@ApplicationScoped
public class ApprovalRepository {

    /** A stored decision, and whether a recomputed figure waits on a day it is the latest decision of. */
    private static final String SELECT = "select a.id, a.plant, a.from_day, a.to_day, a.decision, a.comment, "
            + "a.decided_by, a.decided_at, (select count(*) from mrv.approval_day d where d.approval_id = a.id), "
            + "exists (select 1 from mrv.removal_state r cross join lateral mrv.covering_decision(r.plant, r.day) c "
            + "where r.plant = a.plant and r.day between a.from_day and a.to_day and r.pending_version is not null "
            + "and c.approval_id = a.id) from mrv.approval a";

    private final AgroalDataSource dataSource;

    public ApprovalRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @return the new decision's id */
    public long insert(Connection c, String plant, LocalDate from, LocalDate to, ApprovalState.Decision decision,
            String comment, String by) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into mrv.approval (plant, from_day, to_day, decision, "
                + "comment, decided_by) values (?, ?, ?, ?, ?, ?) returning id")) {
            ps.setString(1, plant);
            ps.setObject(2, from);
            ps.setObject(3, to);
            ps.setString(4, decision.name());
            ps.setString(5, comment);
            ps.setString(6, by);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Records the version each day of the decision's period had (its current one). @return days recorded */
    public int recordDays(Connection c, long approvalId, String plant, LocalDate from, LocalDate to)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into mrv.approval_day (approval_id, plant, day, "
                + "version) select ?, plant, day, current_version from mrv.removal_state where plant = ? "
                + "and day between ? and ?")) {
            ps.setLong(1, approvalId);
            ps.setString(2, plant);
            ps.setObject(3, from);
            ps.setObject(4, to);
            return ps.executeUpdate();
        }
    }

    /** Decisions, newest first, of one plant or all. */
    public List<Approval> list(String plant) {
        return query(SELECT + (plant == null ? "" : " where a.plant = ?") + " order by a.id desc",
                plant == null ? new Object[0] : new Object[] {plant});
    }

    /** One decision with the version of each day it covered. */
    public Optional<Approval> byId(long id) {
        return query(SELECT + " where a.id = ?", id).stream().findFirst().map(a -> a.withDays(days(id)));
    }

    private List<Approval.DayVersion> days(long id) {
        return Jdbc.list(dataSource, "select day, version from mrv.approval_day where approval_id = ? order by day",
                rs -> new Approval.DayVersion(rs.getObject(1, LocalDate.class), rs.getInt(2)), id);
    }

    private List<Approval> query(String sql, Object... params) {
        return Jdbc.list(dataSource, sql, rs -> new Approval(rs.getLong(1), rs.getString(2), rs.getObject(3,
                LocalDate.class), rs.getObject(4, LocalDate.class), ApprovalState.Decision.valueOf(rs.getString(5)),
                rs.getString(6), rs.getString(7), rs.getObject(8, OffsetDateTime.class), rs.getLong(9),
                rs.getBoolean(10), null), params);
    }
}
