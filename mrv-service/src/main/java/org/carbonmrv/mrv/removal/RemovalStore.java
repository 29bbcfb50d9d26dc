package org.carbonmrv.mrv.removal;

import org.carbonmrv.mrv.version.PlantDay;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.BinaryCopyWriter;
import org.carbonmrv.mrv.cache.Revisions;
import org.carbonmrv.mrv.version.DayState;
import org.carbonmrv.mrv.version.Supersession;
import org.carbonmrv.mrv.version.VersionPolicy;
import org.carbonmrv.mrv.version.VersionRepository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Stores computed figures as versions, on the caller's transaction, as {@link VersionPolicy} decides for each day. A
 * stored figure is never updated: new versions go in with one binary COPY here; the days' states and supersessions
 * are the version repository's.
 */
@ApplicationScoped
public class RemovalStore {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(RemovalStore.class);

    /** What a store did. */
    public record Outcome(int days, int newCurrent, int newPending, int unchanged) {
    }

    private static final String COLUMNS = "plant, day, version, flag, message, needs_review, review_reasons, "
            + "flow_mgd, ca_upstream_mg_per_l, ca_downstream_mg_per_l, delta_ca_mg_per_l, n_upstream, n_downstream, "
            + "co2_t, u_co2_t, u_co2_ca_t, u_co2_flow_t, conservative_co2_t, qaqc_config_versions, methodology_id, "
            + "inputs, fingerprint, trigger, plant_version";

    private final ObjectMapper json;
    private final VersionRepository versions;
    private final Revisions revisions;

    public RemovalStore(ObjectMapper json, VersionRepository versions, Revisions revisions) {
        this.json = json;
        this.versions = versions;
        this.revisions = revisions;
    }

    /** A figure to store as a new version of its day. */
    private record NewVersion(DailyFigure figure, int version) {
    }

    /** A new version with its serialized lineage and trigger, as its COPY row takes them. */
    private record VersionRow(NewVersion version, byte[] lineage, String trigger) {
    }

    /** What storing the figures changes: new versions, days' states, supersessions, and the counts. */
    private static final class Changes {
        final List<NewVersion> versions = new ArrayList<>();
        final List<DayState> newDays = new ArrayList<>();
        final List<DayState> changedDays = new ArrayList<>();
        final List<Supersession> superseded = new ArrayList<>();
        int pending;
        int unchanged;

        void add(DailyFigure f, VersionPolicy.Step step) {
            if (step.isNewDay()) {
                newDays.add(step.after());
            } else if (step.changesState()) {
                changedDays.add(step.after());
            }
            superseded.addAll(step.superseded());
            if (step.newVersion() == null) {
                unchanged++;
            } else {
                versions.add(new NewVersion(f, step.newVersion()));
                pending += step.storesPending() ? 1 : 0;
            }
        }
    }

    public Outcome store(Connection c, List<DailyFigure> figures, Function<PlantDay, Map<String, Object>> trigger)
            throws SQLException, IOException {
        if (figures.isEmpty()) {
            return new Outcome(0, 0, 0, 0);
        }
        long t0 = System.nanoTime();
        Changes changes = decide(c, figures);
        long t1 = System.nanoTime();
        List<VersionRow> rows = rows(changes.versions, trigger);
        long t2 = System.nanoTime();
        BinaryCopyWriter.copy(c, "mrv.removal_version", COLUMNS, 24, rows, RemovalStore::write);
        long t3 = System.nanoTime();
        versions.insertStates(c, changes.newDays);
        versions.updateStates(c, changes.changedDays);
        versions.appendSupersessions(c, changes.superseded);
        LOG.debugf("store: decided %d ms, lineage json %d ms, copy %d ms, states and supersessions %d ms",
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000,
                (System.nanoTime() - t3) / 1_000_000);
        if (!changes.newDays.isEmpty() || !changes.changedDays.isEmpty()) {
            revisions.bump(c);
        }
        return new Outcome(figures.size(), changes.versions.size() - changes.pending, changes.pending,
                changes.unchanged);
    }

    /** Each figure against its day's state and approval. */
    private Changes decide(Connection c, List<DailyFigure> figures) throws SQLException {
        LocalDate first = figures.stream().map(DailyFigure::day).min(LocalDate::compareTo).orElseThrow();
        LocalDate last = figures.stream().map(DailyFigure::day).max(LocalDate::compareTo).orElseThrow();
        Map<PlantDay, DayState> states = versions.states(c, figures.stream().map(DailyFigure::plant).distinct()
                .toList(), first, last);
        Set<PlantDay> approved = versions.approved(c, states.keySet());
        Changes changes = new Changes();
        for (DailyFigure f : figures) {
            PlantDay d = new PlantDay(f.plant(), f.day());
            changes.add(f, VersionPolicy.store(f.plant(), f.day(), states.get(d), f.fingerprint(),
                    approved.contains(d)));
        }
        return changes;
    }

    /**
     * The COPY rows, serialized before the COPY opens (its stream stays busy only with bytes); a trigger shared by
     * many days (an operator's recompute, one batch of events) once.
     */
    private List<VersionRow> rows(List<NewVersion> versions, Function<PlantDay, Map<String, Object>> trigger) {
        Map<Object, String> triggers = new IdentityHashMap<>();
        List<String> triggerJson = versions.stream().map(v -> triggers.computeIfAbsent(
                trigger.apply(new PlantDay(v.figure.plant(), v.figure.day())), this::toJson)).toList();
        return IntStream.range(0, versions.size()).parallel().mapToObj(i -> new VersionRow(versions.get(i),
                Lineage.toJson(versions.get(i).figure.inputs()), triggerJson.get(i))).toList();
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
