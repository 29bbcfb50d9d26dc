package org.carbonmrv.mrv.version;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.BinaryCopyWriter;

/**
 * The SQL of a day's versions, on the caller's transaction: the plants' locks, the days' state rows
 * ({@code mrv.removal_state}), the supersessions appended ({@code mrv.removal_supersession}) and which days are
 * approved (the latest decision covering a day, {@code mrv.covering_decision}).
 */
@ApplicationScoped
public class VersionRepository {

    private static final String STATE_COLUMNS = "plant, day, current_version, current_fingerprint, pending_version, "
            + "pending_fingerprint, latest_version";

    /**
     * Serialises writers of the same plants (replicas, the worker, operators' recomputes, approvals): a
     * transaction-scoped advisory lock per plant, taken in name order so that two writers never wait on each other in
     * a cycle.
     */
    public void lockPlants(Connection c, Collection<String> plants) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select pg_advisory_xact_lock(hashtext('mrv.removal'), hashtext(?))")) {
            for (String plant : new TreeSet<>(plants)) {
                ps.setString(1, plant);
                ps.execute();
            }
        }
    }

    /** The state rows of the plants' days between two days (inclusive): one index range scan. */
    public Map<PlantDay, DayState> states(Connection c, Collection<String> plants, LocalDate first, LocalDate last)
            throws SQLException {
        Map<PlantDay, DayState> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select " + STATE_COLUMNS + " from mrv.removal_state "
                + "where plant = any (?) and day between ? and ?")) {
            ps.setArray(1, c.createArrayOf("text", plants.toArray()));
            ps.setObject(2, first);
            ps.setObject(3, last);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    DayState s = new DayState(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getInt(3),
                            rs.getString(4), (Integer) rs.getObject(5), rs.getString(6), rs.getInt(7));
                    out.put(new PlantDay(s.plant(), s.day()), s);
                }
            }
        }
        return out;
    }

    /** The days among {@code days} whose latest covering decision approves them (the one rule, in SQL). */
    public Set<PlantDay> approved(Connection c, Collection<PlantDay> days) throws SQLException {
        Set<PlantDay> out = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("select d.plant, d.day from unnest(?::text[], ?::date[]) "
                + "d(plant, day) cross join lateral mrv.covering_decision(d.plant, d.day) a "
                + "where a.decision = 'APPROVED'")) {
            ps.setArray(1, c.createArrayOf("text", days.stream().map(PlantDay::plant).toArray()));
            ps.setArray(2, c.createArrayOf("date", days.stream().map(d -> java.sql.Date.valueOf(d.day())).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new PlantDay(rs.getString(1), rs.getObject(2, LocalDate.class)));
                }
            }
        }
        return out;
    }

    /** New days' state rows, with one binary COPY. */
    public void insertStates(Connection c, List<DayState> rows) throws SQLException, IOException {
        BinaryCopyWriter.copy(c, "mrv.removal_state", STATE_COLUMNS, 7, rows, (out, s) -> out.row().text(s.plant())
                .date(s.day()).int4(s.current()).text(s.currentFingerprint()).int4(s.pending())
                .text(s.pendingFingerprint()).int4(s.latest()));
    }

    /** Days' new state rows, in one statement. */
    public void updateStates(Connection c, List<DayState> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("update mrv.removal_state r set current_version = s.cv, "
                + "current_fingerprint = s.cf, pending_version = s.pv, pending_fingerprint = s.pf, "
                + "latest_version = s.lv from unnest(?::text[], ?::date[], ?::integer[], ?::text[], ?::integer[], "
                + "?::text[], ?::integer[]) s(plant, day, cv, cf, pv, pf, lv) where r.plant = s.plant "
                + "and r.day = s.day")) {
            ps.setArray(1, c.createArrayOf("text", rows.stream().map(DayState::plant).toArray()));
            ps.setArray(2, c.createArrayOf("date", rows.stream().map(s -> java.sql.Date.valueOf(s.day())).toArray()));
            ps.setArray(3, c.createArrayOf("integer", rows.stream().map(DayState::current).toArray()));
            ps.setArray(4, c.createArrayOf("text", rows.stream().map(DayState::currentFingerprint).toArray()));
            ps.setArray(5, c.createArrayOf("integer", rows.stream().map(DayState::pending).toArray()));
            ps.setArray(6, c.createArrayOf("text", rows.stream().map(DayState::pendingFingerprint).toArray()));
            ps.setArray(7, c.createArrayOf("integer", rows.stream().map(DayState::latest).toArray()));
            int n = ps.executeUpdate();
            if (n != rows.size()) {
                throw new IllegalStateException("updated " + n + " of " + rows.size() + " days' states");
            }
        }
    }

    /** Records superseded versions (appended: a version is superseded once; superseded_at is the transaction's). */
    public void appendSupersessions(Connection c, List<Supersession> rows) throws SQLException, IOException {
        BinaryCopyWriter.copy(c, "mrv.removal_supersession", "plant, day, version, superseded_by_version", 4, rows,
                (out, s) -> out.row().text(s.plant()).date(s.day()).int4(s.version()).int4(s.by()));
    }

    /** Approving a plant's period: every pending figure in it becomes current (see {@link VersionPolicy#approve}). */
    public void promotePending(Connection c, String plant, LocalDate from, LocalDate to)
            throws SQLException, IOException {
        List<DayState> changed = new ArrayList<>();
        List<Supersession> superseded = new ArrayList<>();
        for (DayState s : states(c, List.of(plant), from, to).values()) {
            VersionPolicy.Step step = VersionPolicy.approve(s);
            if (step.changesState()) {
                changed.add(step.after());
                superseded.addAll(step.superseded());
            }
        }
        appendSupersessions(c, superseded);
        updateStates(c, changed);
    }
}
