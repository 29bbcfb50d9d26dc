package org.carbonmrv.mrv.removal;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.BinaryCopyWriter;
import org.carbonmrv.mrv.approval.ApprovalLocks;
import org.carbonmrv.mrv.cache.Revisions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Stores computed figures as versions, on the caller's transaction: a figure equal to the latest one (same
 * fingerprint) adds nothing; a changed figure supersedes the current version, unless the day is approved, in which
 * case it waits as a PENDING version. A stored figure is never updated: new versions, new days' states and
 * supersessions go in with a COPY each, and the changed days' narrow state rows ({@code mrv.removal_state}) with one
 * UPDATE.
 */
@ApplicationScoped
public class RemovalStore {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(RemovalStore.class);

    /** What a store did. */
    public record Outcome(int days, int newCurrent, int newPending, int unchanged) {
    }

    /** A day's row of {@code mrv.removal_state}: its current and pending versions and its latest version number. */
    private record State(String plant, LocalDate day, int current, String currentFingerprint, Integer pending,
            String pendingFingerprint, int latest) {

        State withPending(Integer version, String fingerprint) {
            return new State(plant, day, current, currentFingerprint, version, fingerprint, Math.max(latest,
                    version == null ? latest : version));
        }

        State withCurrent(int version, String fingerprint) {
            return new State(plant, day, version, fingerprint, pending, pendingFingerprint, Math.max(latest, version));
        }
    }

    /** A version that stopped being current or pending, and the version that took its place. */
    private record Supersession(String plant, LocalDate day, int version, int by) {
    }

    private static final String COLUMNS = "plant, day, version, flag, message, needs_review, review_reasons, "
            + "flow_mgd, ca_upstream_mg_per_l, ca_downstream_mg_per_l, delta_ca_mg_per_l, n_upstream, n_downstream, "
            + "co2_t, u_co2_t, u_co2_ca_t, u_co2_flow_t, conservative_co2_t, qaqc_config_versions, methodology_id, "
            + "inputs, fingerprint, trigger, plant_version";
    private static final String STATE_COLUMNS = "plant, day, current_version, current_fingerprint, pending_version, "
            + "pending_fingerprint, latest_version";

    private final ObjectMapper json;
    private final ApprovalLocks locks;
    private final Revisions revisions;

    public RemovalStore(ObjectMapper json, ApprovalLocks locks, Revisions revisions) {
        this.json = json;
        this.locks = locks;
        this.revisions = revisions;
    }

    /**
     * Serialises writers of the same plants (replicas, the worker and operators' recomputes): a transaction-scoped
     * advisory lock per plant, taken in name order so that two writers never wait on each other in a cycle.
     */
    public static void lockPlants(Connection c, java.util.Collection<String> plants) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select pg_advisory_xact_lock(hashtext('mrv.removal'), hashtext(?))")) {
            for (String plant : new TreeSet<>(plants)) {
                ps.setString(1, plant);
                ps.execute();
            }
        }
    }

    public Outcome store(Connection c, List<DailyFigure> figures, Function<PlantDay, Map<String, Object>> trigger)
            throws SQLException, IOException {
        if (figures.isEmpty()) {
            return new Outcome(0, 0, 0, 0);
        }
        long t0 = System.nanoTime();
        Map<PlantDay, State> states = states(c, figures);
        ApprovalLocks.Locked locked = locks.load(c, figures.stream().map(DailyFigure::plant).distinct().toList());
        Changes changes = new Changes();
        for (DailyFigure f : figures) {
            changes.add(f, states.get(new PlantDay(f.plant(), f.day())), locked.isLocked(f.plant(), f.day()));
        }
        long t1 = System.nanoTime();
        // serialized before the COPY opens: its stream stays busy only with bytes; a trigger shared by many days (an
        // operator's recompute, one batch of events) once
        Map<Object, String> triggers = new java.util.IdentityHashMap<>();
        List<String> triggerJson = changes.versions.stream().map(v -> triggers.computeIfAbsent(
                trigger.apply(new PlantDay(v.figure.plant(), v.figure.day())), this::toJson)).toList();
        List<VersionRow> rows = java.util.stream.IntStream.range(0, changes.versions.size()).parallel()
                .mapToObj(i -> new VersionRow(changes.versions.get(i),
                        Lineage.toJson(changes.versions.get(i).figure.inputs()), triggerJson.get(i)))
                .toList();
        long t2 = System.nanoTime();
        BinaryCopyWriter.copy(c, "mrv.removal_version", COLUMNS, 24, rows, RemovalStore::write);
        long t3 = System.nanoTime();
        insertStates(c, changes.newDays);
        long t4 = System.nanoTime();
        updateStates(c, changes.changedDays);
        long t5 = System.nanoTime();
        appendSupersessions(c, changes.superseded);
        LOG.debugf("store: states read %d ms, lineage json %d ms, copy %d ms, new states %d ms, changed states %d ms, "
                + "supersessions %d ms", (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000,
                (t4 - t3) / 1_000_000, (t5 - t4) / 1_000_000, (System.nanoTime() - t5) / 1_000_000);
        if (!changes.newDays.isEmpty() || !changes.changedDays.isEmpty()) {
            revisions.bump(c);
        }
        return new Outcome(figures.size(), changes.versions.size() - changes.pending, changes.pending,
                changes.unchanged);
    }

    /** A figure to store as a new version of its day. */
    private record NewVersion(DailyFigure figure, int version) {
    }

    /** A new version with its serialized lineage and trigger, as its COPY row takes them. */
    private record VersionRow(NewVersion version, byte[] lineage, String trigger) {
    }

    /** What storing the figures changes: new versions, days' states, supersessions. */
    private static final class Changes {
        final List<NewVersion> versions = new ArrayList<>();
        final List<State> newDays = new ArrayList<>();
        final List<State> changedDays = new ArrayList<>();
        final List<Supersession> superseded = new ArrayList<>();
        int pending;
        int unchanged;

        /** One figure against its day's state ({@code null}: a new day) and whether the day is approved. */
        void add(DailyFigure f, State s, boolean locked) {
            String fp = f.fingerprint();
            if (s == null) {
                newDays.add(new State(f.plant(), f.day(), 1, fp, null, null, 1));
                versions.add(new NewVersion(f, 1));
                return;
            }
            int next = s.latest + 1;
            State after = s;
            if (locked) {
                if (fp.equals(s.pendingFingerprint)) {
                    unchanged++;
                } else if (fp.equals(s.currentFingerprint)) {
                    // the data came back to what was approved: the waiting version is withdrawn
                    if (s.pending != null) {
                        superseded.add(new Supersession(f.plant(), f.day(), s.pending, s.current));
                        after = s.withPending(null, null);
                    }
                    unchanged++;
                } else {
                    if (s.pending != null) {
                        superseded.add(new Supersession(f.plant(), f.day(), s.pending, next));
                    }
                    versions.add(new NewVersion(f, next));
                    after = s.withPending(next, fp);
                    pending++;
                }
            } else {
                boolean same = fp.equals(s.currentFingerprint);
                if (s.pending != null) {
                    // left from an approval since replaced by a rejection: the day follows its data again
                    superseded.add(new Supersession(f.plant(), f.day(), s.pending, same ? s.current : next));
                    after = s.withPending(null, null);
                }
                if (same) {
                    unchanged++;
                } else {
                    superseded.add(new Supersession(f.plant(), f.day(), s.current, next));
                    versions.add(new NewVersion(f, next));
                    after = after.withCurrent(next, fp);
                }
            }
            if (after != s) {
                changedDays.add(after);
            }
        }
    }

    /** The state rows of the figures' days: one index range scan over their plants and day span. */
    private static Map<PlantDay, State> states(Connection c, List<DailyFigure> figures) throws SQLException {
        Map<PlantDay, State> out = new HashMap<>();
        LocalDate first = figures.stream().map(DailyFigure::day).min(LocalDate::compareTo).orElseThrow();
        LocalDate last = figures.stream().map(DailyFigure::day).max(LocalDate::compareTo).orElseThrow();
        try (PreparedStatement ps = c.prepareStatement("select " + STATE_COLUMNS + " from mrv.removal_state "
                + "where plant = any (?) and day between ? and ?")) {
            ps.setArray(1, c.createArrayOf("text", figures.stream().map(DailyFigure::plant).distinct().toArray()));
            ps.setObject(2, first);
            ps.setObject(3, last);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    State s = new State(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getInt(3),
                            rs.getString(4), (Integer) rs.getObject(5), rs.getString(6), rs.getInt(7));
                    out.put(new PlantDay(s.plant, s.day), s);
                }
            }
        }
        return out;
    }

    private static void insertStates(Connection c, List<State> rows) throws SQLException, IOException {
        BinaryCopyWriter.copy(c, "mrv.removal_state", STATE_COLUMNS, 7, rows, (out, s) -> out.row().text(s.plant)
                .date(s.day).int4(s.current).text(s.currentFingerprint).int4(s.pending).text(s.pendingFingerprint)
                .int4(s.latest));
    }

    /** Days' new state rows, in one statement. */
    private static void updateStates(Connection c, List<State> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("update mrv.removal_state r set current_version = s.cv, "
                + "current_fingerprint = s.cf, pending_version = s.pv, pending_fingerprint = s.pf, "
                + "latest_version = s.lv from unnest(?::text[], ?::date[], ?::integer[], ?::text[], ?::integer[], "
                + "?::text[], ?::integer[]) s(plant, day, cv, cf, pv, pf, lv) where r.plant = s.plant "
                + "and r.day = s.day")) {
            ps.setArray(1, c.createArrayOf("text", rows.stream().map(State::plant).toArray()));
            ps.setArray(2, c.createArrayOf("date", rows.stream().map(s -> java.sql.Date.valueOf(s.day)).toArray()));
            ps.setArray(3, c.createArrayOf("integer", rows.stream().map(State::current).toArray()));
            ps.setArray(4, c.createArrayOf("text", rows.stream().map(State::currentFingerprint).toArray()));
            ps.setArray(5, c.createArrayOf("integer", rows.stream().map(State::pending).toArray()));
            ps.setArray(6, c.createArrayOf("text", rows.stream().map(State::pendingFingerprint).toArray()));
            ps.setArray(7, c.createArrayOf("integer", rows.stream().map(State::latest).toArray()));
            int n = ps.executeUpdate();
            if (n != rows.size()) {
                throw new IllegalStateException("updated " + n + " of " + rows.size() + " days' states");
            }
        }
    }

    /** Records superseded versions (appended: a version is superseded once; superseded_at is the transaction's). */
    private static void appendSupersessions(Connection c, List<Supersession> rows) throws SQLException, IOException {
        BinaryCopyWriter.copy(c, "mrv.removal_supersession", "plant, day, version, superseded_by_version", 4, rows,
                (out, s) -> out.row().text(s.plant).date(s.day).int4(s.version).int4(s.by));
    }

    private static void write(BinaryCopyWriter out, VersionRow row) throws IOException {
        DailyFigure f = row.version.figure;
        out.row().text(f.plant()).date(f.day()).int4(row.version.version).text(f.flag().name()).text(f.message())
                .bool(f.needsReview()).textArray(f.reviewReasons()).float8(f.flowMgd()).float8(f.caUpstreamMgPerL())
                .float8(f.caDownstreamMgPerL()).float8(f.deltaCaMgPerL()).int4(f.nUpstream()).int4(f.nDownstream())
                .float8(f.co2T()).float8(f.uCo2T()).float8(f.uCo2CaT()).float8(f.uCo2FlowT())
                .float8(f.conservativeCo2T()).int4Array(f.qaqcConfigVersions()).int4(f.methodologyId())
                .encoded(row.lineage).text(f.fingerprint()).text(row.trigger).int4(f.plantVersion());
    }

    private String toJson(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
