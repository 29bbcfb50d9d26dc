package org.carbonmrv.mrv.removal;

import java.io.IOException;
import java.sql.Array;
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

import org.carbonmrv.common.CopyWriter;
import org.carbonmrv.mrv.approval.ApprovalLocks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Stores computed figures as versions, on the caller's transaction: a figure equal to the latest one (same
 * fingerprint) adds nothing; a changed figure supersedes the current version, unless the day is approved, in which
 * case it waits as a PENDING version. New versions go in with one COPY.
 */
@ApplicationScoped
public class RemovalStore {

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

    public RemovalStore(ObjectMapper json, ApprovalLocks locks) {
        this.json = json;
        this.locks = locks;
    }

    /**
     * Serialises writers of the same plants (replicas, the worker and operators' recomputes): a transaction-scoped
     * advisory lock per plant, taken in name order so that two writers never wait on each other in a cycle.
     */
    public static void lockPlants(Connection c, Iterable<String> plants) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select pg_advisory_xact_lock(hashtext('mrv.removal'), hashtext(?))")) {
            for (String plant : new TreeSet<String>(toList(plants))) {
                ps.setString(1, plant);
                ps.execute();
            }
        }
    }

    private static List<String> toList(Iterable<String> it) {
        List<String> l = new ArrayList<>();
        it.forEach(l::add);
        return l;
    }

    public Outcome store(Connection c, List<DailyFigure> figures, Function<PlantDay, Map<String, Object>> trigger)
            throws SQLException, IOException {
        if (figures.isEmpty()) {
            return new Outcome(0, 0, 0, 0);
        }
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
        supersede(c, supersede);
        CopyWriter out = new CopyWriter(c, "mrv.removal", COLUMNS);
        try {
            for (int i = 0; i < insert.size(); i++) {
                DailyFigure f = insert.get(i);
                write(out, f, insertVersion.get(i), insertState.get(i),
                        toJson(trigger.apply(new PlantDay(f.plant(), f.day()))));
            }
        } catch (IOException | RuntimeException e) {
            out.cancel();
            throw e;
        }
        out.close();
        return new Outcome(figures.size(), insert.size() - pending, pending, unchanged);
    }

    private static Map<PlantDay, Latest> latest(Connection c, List<DailyFigure> figures) throws SQLException {
        Map<PlantDay, Latest> out = new HashMap<>();
        Array plants = c.createArrayOf("text", figures.stream().map(DailyFigure::plant).toArray());
        Array days = c.createArrayOf("date", figures.stream().map(f -> java.sql.Date.valueOf(f.day())).toArray());
        try (PreparedStatement ps = c.prepareStatement("select r.plant, r.day, max(r.version), "
                + "max(r.version) filter (where r.state = 'CURRENT'), "
                + "max(r.fingerprint) filter (where r.state = 'CURRENT'), "
                + "max(r.version) filter (where r.state = 'PENDING'), "
                + "max(r.fingerprint) filter (where r.state = 'PENDING') "
                + "from mrv.removal r join unnest(?::text[], ?::date[]) d(plant, day) "
                + "on d.plant = r.plant and d.day = r.day group by r.plant, r.day")) {
            ps.setArray(1, plants);
            ps.setArray(2, days);
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

    private static void supersede(Connection c, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("update mrv.removal set state = 'SUPERSEDED', "
                + "superseded_at = now(), superseded_by_version = ? where plant = ? and day = ? and version = ?")) {
            for (Object[] r : rows) {
                ps.setObject(1, r[3]);
                ps.setString(2, (String) r[0]);
                ps.setObject(3, r[1]);
                ps.setInt(4, (Integer) r[2]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void write(CopyWriter out, DailyFigure f, int version, String state, String trigger) throws IOException {
        out.text(f.plant()).raw(f.day().toString()).number(version).text(state).text(f.flag().name())
                .text(f.message()).raw(f.needsReview() ? "t" : "f").text(textArray(f.reviewReasons()))
                .number(f.flowMgd()).number(f.caUpstreamMgPerL()).number(f.caDownstreamMgPerL())
                .number(f.deltaCaMgPerL()).number(f.nUpstream()).number(f.nDownstream()).number(f.co2T())
                .number(f.uCo2T()).number(f.uCo2CaT()).number(f.uCo2FlowT()).number(f.conservativeCo2T())
                .raw(f.qaqcConfigVersions().toString().replace('[', '{').replace(']', '}').replace(" ", ""))
                .number(f.methodologyId()).text(toJson(f.inputs())).raw(f.fingerprint()).text(trigger);
        out.endRow();
    }

    /** A PostgreSQL array literal of texts (each element quoted, quotes and backslashes escaped). */
    static String textArray(List<String> items) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append('"').append(items.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return b.append('}').toString();
    }

    private String toJson(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
