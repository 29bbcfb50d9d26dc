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
 * case it waits as a PENDING version. New versions go in with one COPY.
 */
@ApplicationScoped
public class RemovalStore {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(RemovalStore.class);

    /** What a store did. */
    public record Outcome(int days, int newCurrent, int newPending, int unchanged) {
    }

    private record Latest(int maxVersion, Integer currentVersion, String currentFingerprint, Integer pendingVersion,
            String pendingFingerprint) {
    }

    private static final String COLUMNS = "plant, day, version, state, flag, message, needs_review, review_reasons, "
            + "flow_mgd, ca_upstream_mg_per_l, ca_downstream_mg_per_l, delta_ca_mg_per_l, n_upstream, n_downstream, "
            + "co2_t, u_co2_t, u_co2_ca_t, u_co2_flow_t, conservative_co2_t, qaqc_config_versions, methodology_id, "
            + "inputs, fingerprint, trigger";

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
        Map<PlantDay, Latest> latest = latest(c, figures);
        ApprovalLocks.Locked locked = locks.load(c, figures.stream().map(DailyFigure::plant).distinct().toList());
        List<Object[]> supersede = new ArrayList<>(); // plant, day, version, by version
        List<DailyFigure> insert = new ArrayList<>();
        List<Integer> insertVersion = new ArrayList<>();
        List<String> insertState = new ArrayList<>();
        int unchanged = 0;
        int pending = 0;
        for (DailyFigure f : figures) {
            PlantDay key = new PlantDay(f.plant(), f.day());
            Latest l = latest.get(key);
            if (l == null) {
                insert.add(f);
                insertVersion.add(1);
                insertState.add("CURRENT");
                continue;
            }
            int next = l.maxVersion + 1;
            if (locked.isLocked(f.plant(), f.day())) {
                if (f.fingerprint().equals(l.pendingFingerprint)) {
                    unchanged++;
                } else if (f.fingerprint().equals(l.currentFingerprint)) {
                    // the data came back to what was approved: the waiting version is withdrawn
                    if (l.pendingVersion != null) {
                        supersede.add(new Object[] {f.plant(), f.day(), l.pendingVersion, l.currentVersion});
                    }
                    unchanged++;
                } else {
                    if (l.pendingVersion != null) {
                        supersede.add(new Object[] {f.plant(), f.day(), l.pendingVersion, next});
                    }
                    insert.add(f);
                    insertVersion.add(next);
                    insertState.add("PENDING");
                    pending++;
                }
                continue;
            }
            boolean same = f.fingerprint().equals(l.currentFingerprint);
            if (l.pendingVersion != null) {
                // left from an approval since replaced by a rejection: the day follows its data again
                supersede.add(new Object[] {f.plant(), f.day(), l.pendingVersion, same ? l.currentVersion : next});
            }
            if (same) {
                unchanged++;
                continue;
            }
            if (l.currentVersion != null) {
                supersede.add(new Object[] {f.plant(), f.day(), l.currentVersion, next});
            }
            insert.add(f);
            insertVersion.add(next);
            insertState.add("CURRENT");
        }
        long t1 = System.nanoTime();
        supersede(c, supersede);
        long t2 = System.nanoTime();
        // serialized before the COPY opens: its stream stays busy only with bytes; a trigger shared by many days (an
        // operator's recompute, one batch of events) once
        List<byte[]> lineage = insert.parallelStream().map(f -> Lineage.toJson(f.inputs())).toList();
        Map<Object, String> triggers = new java.util.IdentityHashMap<>();
        List<String> triggerJson = insert.stream().map(f -> triggers.computeIfAbsent(
                trigger.apply(new PlantDay(f.plant(), f.day())), this::toJson)).toList();
        long t3 = System.nanoTime();
        BinaryCopyWriter out = new BinaryCopyWriter(c, "mrv.removal", COLUMNS, 24);
        try {
            for (int i = 0; i < insert.size(); i++) {
                write(out, insert.get(i), insertVersion.get(i), insertState.get(i), lineage.get(i), triggerJson.get(i));
            }
        } catch (IOException | RuntimeException e) {
            out.cancel();
            throw e;
        }
        long t4 = System.nanoTime();
        out.close();
        LOG.debugf("store: latest %d ms, supersede %d ms, json %d ms, copy %d ms (rows written in %d ms)",
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000,
                (System.nanoTime() - t3) / 1_000_000, (t4 - t3) / 1_000_000);
        if (!insert.isEmpty() || !supersede.isEmpty()) {
            revisions.bump(c);
        }
        return new Outcome(figures.size(), insert.size() - pending, pending, unchanged);
    }

    /** The latest versions of the figures' days: one index range scan over their plants and day span. */
    private static Map<PlantDay, Latest> latest(Connection c, List<DailyFigure> figures) throws SQLException {
        Map<PlantDay, Latest> out = new HashMap<>();
        LocalDate first = figures.stream().map(DailyFigure::day).min(LocalDate::compareTo).orElseThrow();
        LocalDate last = figures.stream().map(DailyFigure::day).max(LocalDate::compareTo).orElseThrow();
        try (PreparedStatement ps = c.prepareStatement("select plant, day, max(version), "
                + "max(version) filter (where state = 'CURRENT'), max(fingerprint) filter (where state = 'CURRENT'), "
                + "max(version) filter (where state = 'PENDING'), max(fingerprint) filter (where state = 'PENDING') "
                + "from mrv.removal where plant = any (?) and day between ? and ? group by plant, day")) {
            ps.setArray(1, c.createArrayOf("text", figures.stream().map(DailyFigure::plant).distinct().toArray()));
            ps.setObject(2, first);
            ps.setObject(3, last);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(new PlantDay(rs.getString(1), rs.getObject(2, LocalDate.class)),
                            new Latest(rs.getInt(3), (Integer) rs.getObject(4), rs.getString(5),
                                    (Integer) rs.getObject(6), rs.getString(7)));
                }
            }
        }
        return out;
    }

    /** Marks versions superseded in one statement (rows: plant, day, version, superseding version). */
    private static void supersede(Connection c, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("update mrv.removal r set state = 'SUPERSEDED', "
                + "superseded_at = now(), superseded_by_version = s.by from unnest(?::text[], ?::date[], "
                + "?::integer[], ?::integer[]) s(plant, day, version, by) where r.plant = s.plant and r.day = s.day "
                + "and r.version = s.version")) {
            ps.setArray(1, c.createArrayOf("text", rows.stream().map(r -> r[0]).toArray()));
            ps.setArray(2, c.createArrayOf("date", rows.stream().map(r -> java.sql.Date.valueOf((LocalDate) r[1]))
                    .toArray()));
            ps.setArray(3, c.createArrayOf("integer", rows.stream().map(r -> r[2]).toArray()));
            ps.setArray(4, c.createArrayOf("integer", rows.stream().map(r -> r[3]).toArray()));
            ps.executeUpdate();
        }
    }

    private static void write(BinaryCopyWriter out, DailyFigure f, int version, String state, byte[] inputs,
            String trigger) throws IOException {
        out.row().text(f.plant()).date(f.day()).int4(version).text(state).text(f.flag().name()).text(f.message())
                .bool(f.needsReview()).textArray(f.reviewReasons()).float8(f.flowMgd()).float8(f.caUpstreamMgPerL())
                .float8(f.caDownstreamMgPerL()).float8(f.deltaCaMgPerL()).int4(f.nUpstream()).int4(f.nDownstream())
                .float8(f.co2T()).float8(f.uCo2T()).float8(f.uCo2CaT()).float8(f.uCo2FlowT())
                .float8(f.conservativeCo2T()).int4Array(f.qaqcConfigVersions()).int4(f.methodologyId()).encoded(inputs)
                .text(f.fingerprint()).text(trigger);
    }

    private String toJson(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
