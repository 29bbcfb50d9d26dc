package org.carbonmrv.mrv.queue;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.LogContext;
import org.carbonmrv.common.trace.TraceParent;
import org.carbonmrv.mrv.config.MrvConfig;
import org.carbonmrv.mrv.version.PlantDay;
import org.carbonmrv.mrv.removal.RecomputeService;
import org.carbonmrv.mrv.removal.RemovalStore;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * The claim loop: takes a batch of pending grade events, recomputes the plant-days they name, stores the changed
 * figures and marks the events done, all in one transaction. When a batch fails, its plant-days are retried one at
 * a time, so that one bad day is parked alone instead of holding back the others.
 */
@ApplicationScoped
public class RecomputeWorker {

    private static final Logger LOG = Logger.getLogger(RecomputeWorker.class);

    private final EventQueue queue;
    private final RecomputeService recompute;
    private final AgroalDataSource dataSource;
    private final MrvConfig config;
    private final RecomputeMeters meters;
    private final Tracer tracer;

    public RecomputeWorker(EventQueue queue, RecomputeService recompute, AgroalDataSource dataSource,
            MrvConfig config, RecomputeMeters meters, Tracer tracer) {
        this.queue = queue;
        this.recompute = recompute;
        this.dataSource = dataSource;
        this.config = config;
        this.meters = meters;
        this.tracer = tracer;
    }

    @Scheduled(every = "${mrv.worker.poll:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "1s")
    void poll() {
        if (config.worker().enabled()) {
            drain();
        }
    }

    /**
     * Mirrors new grade events, recomputes until none is pending, then the plants whose registry entry changed.
     * @return events processed
     */
    public int drain() {
        queue.sync();
        int n = 0;
        int batch;
        while ((batch = processBatch()) > 0) {
            n += batch;
        }
        applyPlantVersions();
        return n;
    }

    /** Each plant whose registry version (ingest's v_plant) its figures were not computed for, recomputed. */
    void applyPlantVersions() {
        Map<String, Integer> changed = QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                return queue.plantVersionsToApply(c);
            }
        });
        changed.forEach((plant, version) -> {
            try {
                RemovalStore.Outcome o = QuarkusTransaction.requiringNew().timeout(600).call(() -> {
                    try (Connection c = dataSource.getConnection()) {
                        return recompute.applyPlantVersion(c, plant, version);
                    }
                });
                if (o != null) {
                    LOG.infof("plant %s registry v%d: %d days recomputed, %d new versions, %d pending approval",
                            plant, version, o.days(), o.newCurrent(), o.newPending());
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "plant %s registry v%d: recompute failed; retried at the next poll", plant, version);
            }
        });
    }

    /** @return events claimed (0 when none was pending) */
    int processBatch() {
        List<GradeEvent> claimed = new ArrayList<>();
        try {
            Processed p = QuarkusTransaction.requiringNew().timeout(600).call(() -> {
                try (Connection c = dataSource.getConnection()) {
                    claimed.addAll(queue.claim(c, config.worker().batchSize()));
                    return claimed.isEmpty() ? null : process(c, claimed);
                }
            });
            if (p != null) {
                meters.done(claimed.size(), p.outcome(), p.nanos());
            }
            return claimed.size();
        } catch (RuntimeException e) {
            if (claimed.isEmpty()) {
                throw e;
            }
            LOG.warnf(e, "a batch of %d grade events failed; retrying its plant-days one by one", claimed.size());
            Map<PlantDay, List<Long>> byDay = new TreeMap<>();
            for (GradeEvent g : claimed) {
                byDay.computeIfAbsent(new PlantDay(g.plant(), g.day()), d -> new ArrayList<>()).add(g.id());
            }
            byDay.forEach(this::retry);
            return claimed.size();
        }
    }

    private void retry(PlantDay day, List<Long> ids) {
        try (LogContext log = LogContext.with("plant", day.plant(), "day", day.day())) {
            try {
                int[] n = {0};
                Processed p = QuarkusTransaction.requiringNew().call(() -> {
                    try (Connection c = dataSource.getConnection()) {
                        List<GradeEvent> events = queue.claim(c, ids);
                        n[0] = events.size();
                        return events.isEmpty() ? null : process(c, events);
                    } catch (Exception e) {
                        throw new IllegalStateException(e.getMessage(), e);
                    }
                });
                if (p != null) {
                    meters.done(n[0], p.outcome(), p.nanos());
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "grade events of %s %s failed", day.plant(), day.day());
                queue.failed(ids, e.getCause() != null ? e.getCause() : e);
                meters.failed(ids.size());
            }
        }
    }

    /** What a batch stored and how long it took, counted once its transaction has committed. */
    private record Processed(RemovalStore.Outcome outcome, long nanos) {
    }

    /** Recomputes in a span of the grading's trace (child of the first event's, linked to the others'). */
    private Processed process(Connection c, List<GradeEvent> events) throws Exception {
        Span span = TraceParent.startConsumer(tracer, "mrv recompute", events.stream().map(GradeEvent::traceparent)
                .toList());
        try (Scope scope = span.makeCurrent(); LogContext log = LogContext.with(TraceParent.logKeys(span))) {
            span.setAttribute("carbonmrv.grade_events", events.size());
            return recomputeDays(c, events);
        } catch (Exception e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            span.end();
        }
    }

    private Processed recomputeDays(Connection c, List<GradeEvent> events) throws Exception {
        long t0 = System.nanoTime();
        Map<PlantDay, List<GradeEvent>> byDay = new LinkedHashMap<>();
        for (GradeEvent g : events) {
            byDay.computeIfAbsent(new PlantDay(g.plant(), g.day()), d -> new ArrayList<>()).add(g);
        }
        RemovalStore.Outcome o = recompute.recompute(c, byDay.keySet(), day -> trigger(byDay.get(day)));
        queue.done(c, events);
        LOG.infof("%d grade events: %d plant-days recomputed, %d new versions, %d pending approval, %d unchanged "
                + "in %d ms", events.size(), o.days(), o.newCurrent(), o.newPending(), o.unchanged(),
                (System.nanoTime() - t0) / 1_000_000);
        return new Processed(o, System.nanoTime() - t0);
    }

    /** What caused a day's new version: the grade events (with their qaqc jobs and overrides) naming it. */
    private static Map<String, Object> trigger(List<GradeEvent> events) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("kind", "grade_events");
        t.put("qaqc_grade_event_ids", events.stream().map(GradeEvent::sourceEventId).toList());
        t.put("qaqc_job_ids", new TreeSet<>(events.stream().map(GradeEvent::qaqcJobId)
                .filter(java.util.Objects::nonNull).toList()));
        t.put("qaqc_override_ids", new TreeSet<>(events.stream().map(GradeEvent::overrideId)
                .filter(java.util.Objects::nonNull).toList()));
        t.put("record_types", new TreeSet<>(events.stream().map(GradeEvent::recordType).toList()));
        return t;
    }
}
