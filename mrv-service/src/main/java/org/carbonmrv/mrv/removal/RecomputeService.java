package org.carbonmrv.mrv.removal;

import org.carbonmrv.mrv.version.PlantDay;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.security.Audit;
import org.carbonmrv.mrv.config.MrvConfig;
import org.carbonmrv.mrv.version.VersionRepository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Recomputes plant-days (from grade events or an operator's request) and stores what changed as versions. */
@ApplicationScoped
public class RecomputeService {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(RecomputeService.class);

    private final RemovalInputs inputs;
    private final RemovalStore store;
    private final MrvConfig config;
    private final ObjectMapper json;
    private final AgroalDataSource dataSource;
    private volatile Methodology methodology;

    private final Audit audit;
    private final VersionRepository versions;
    private final RecomputeRepository requests;

    public RecomputeService(RemovalInputs inputs, RemovalStore store, MrvConfig config, ObjectMapper json,
            AgroalDataSource dataSource, Audit audit, VersionRepository versions, RecomputeRepository requests) {
        this.versions = versions;
        this.requests = requests;
        this.audit = audit;
        this.inputs = inputs;
        this.store = store;
        this.config = config;
        this.json = json;
        this.dataSource = dataSource;
    }

    /** The methodology of this configuration, stored on first use (one row per distinct definition). */
    public Methodology methodology() {
        Methodology m = methodology;
        if (m == null) {
            m = QuarkusTransaction.requiringNew().call(() -> {
                try (Connection c = dataSource.getConnection()) {
                    return new Methodology(methodologyId(c), config);
                }
            });
            methodology = m;
        }
        return m;
    }

    private int methodologyId(Connection c) throws SQLException, JsonProcessingException {
        String definition = json.writeValueAsString(Methodology.definition(config));
        return requests.methodologyId(c, Methodology.VERSION, definition, sha256(definition));
    }

    /** Computes the figures of the days read (no writes). */
    private List<DailyFigure> compute(Map<PlantDay, DayInputs> read, Methodology m) {
        // a pure function of each day's inputs: computed on every core, in plant-day order
        return read.values().parallelStream()
                // an event about records that do not enter a figure (another lab parameter) makes no figure
                .filter(d -> d.ops != null || !d.lab.isEmpty())
                .map(d -> RemovalCalculator.compute(d, m)).toList();
    }

    /** What reads a recompute's inputs once its plants are locked. */
    @FunctionalInterface
    private interface InputReader {
        Map<PlantDay, DayInputs> read(Methodology m) throws SQLException;
    }

    /** Recomputes and stores {@code days} on the caller's transaction, the plants locked against other writers. */
    public RemovalStore.Outcome recompute(Connection c, Collection<PlantDay> days,
            Function<PlantDay, Map<String, Object>> trigger) throws SQLException, IOException {
        return recompute(c, days.stream().map(PlantDay::plant).distinct().toList(), m -> inputs.read(c, days, m),
                trigger);
    }

    private RemovalStore.Outcome recompute(Connection c, List<String> plants, InputReader reader,
            Function<PlantDay, Map<String, Object>> trigger) throws SQLException, IOException {
        long t0 = System.nanoTime();
        versions.lockPlants(c, plants);
        Methodology m = methodology();
        List<DailyFigure> figures = compute(reader.read(m), m);
        long t1 = System.nanoTime();
        RemovalStore.Outcome o = store.store(c, figures, trigger);
        LOG.debugf("%d plant-days: read and computed in %d ms, stored in %d ms", figures.size(),
                (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
        return o;
    }

    /** What an operator's recompute did: its request's id, the days recomputed, the versions added. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record RangeOutcome(long recomputeRequestId, String plant, LocalDate from, LocalDate to, int days,
            int newCurrentVersions, int newPendingVersions, int unchanged, long millis) {
    }

    /** An operator's recompute of a plant's days with data between two days, recorded with who asked. */
    public RangeOutcome recomputeRange(String plant, LocalDate from, LocalDate to, String by) {
        long start = System.nanoTime();
        RangeOutcome answer = QuarkusTransaction.requiringNew().timeout(600).call(() -> {
            try (Connection c = dataSource.getConnection()) {
                long requestId = requests.insertRequest(c, plant, from, to, by);
                long t0 = System.nanoTime();
                Map<String, Object> trigger = new LinkedHashMap<>();
                trigger.put("kind", "recompute");
                trigger.put("recompute_request_id", requestId);
                trigger.put("requested_by", by);
                RemovalStore.Outcome o = recompute(c, List.of(plant), m -> inputs.readRange(c, plant, from, to, m),
                        d -> trigger);
                int added = o.newCurrent() + o.newPending();
                requests.recordRequestOutcome(c, requestId, o.days(), added);
                audit.record("recompute", plant + " " + from + ".." + to, Map.of("recompute_request_id", requestId,
                        "days", o.days(), "new_versions", added));
                return new RangeOutcome(requestId, plant, from, to, o.days(), o.newCurrent(), o.newPending(),
                        o.unchanged(), (System.nanoTime() - t0) / 1_000_000);
            }
        });
        LOG.debugf("recompute %s: %d ms with the commit", plant, (System.nanoTime() - start) / 1_000_000);
        return answer;
    }

    /**
     * Recomputes every stored day of a plant for a registry version it has not been recomputed for (its sampling
     * points or meter uncertainty may have changed), on the caller's transaction; another replica that did it first
     * leaves nothing to do. @return the outcome, or null when the version was applied already
     */
    public RemovalStore.Outcome applyPlantVersion(Connection c, String plant, int version)
            throws SQLException, IOException {
        versions.lockPlants(c, List.of(plant));
        if (requests.appliedPlantVersion(c, plant).filter(v -> v == version).isPresent()) {
            return null;
        }
        Map<String, Object> trigger = new LinkedHashMap<>();
        trigger.put("kind", "plant_registry");
        trigger.put("plant_version", version);
        RemovalStore.Outcome o = recompute(c, List.of(plant), m -> inputs.readRange(c, plant, FIRST_DAY, LAST_DAY, m),
                d -> trigger);
        requests.recordPlantVersionApplied(c, plant, version);
        return o;
    }

    /** Bounds of "every day" of a plant. */
    private static final LocalDate FIRST_DAY = LocalDate.of(1900, 1, 1);
    private static final LocalDate LAST_DAY = LocalDate.of(2999, 12, 31);

    static String sha256(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
