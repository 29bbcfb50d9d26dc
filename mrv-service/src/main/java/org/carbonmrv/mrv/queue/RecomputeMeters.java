package org.carbonmrv.mrv.queue;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.mrv.removal.RemovalStore;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Recompute meters: grade events processed and failed, plant-days recomputed, figures stored (a new current
 * version, a version pending approval, or unchanged), and the time a batch takes.
 */
@ApplicationScoped
public class RecomputeMeters {

    private final MeterRegistry registry;

    public RecomputeMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    public void done(int events, RemovalStore.Outcome o, long nanos) {
        events("done").increment(events);
        figures("current").increment(o.newCurrent());
        figures("pending").increment(o.newPending());
        figures("unchanged").increment(o.unchanged());
        Timer.builder("carbonmrv.mrv.recompute.duration").description("one batch of grade events, claim to commit")
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Events whose plant-day failed: retried, or parked once they failed too often (the parked gauge shows it). */
    public void failed(int events) {
        events("failed").increment(events);
    }

    private Counter events(String outcome) {
        return Counter.builder("carbonmrv.mrv.events").description("grade events by outcome").tag("outcome", outcome)
                .register(registry);
    }

    private Counter figures(String kind) {
        return Counter.builder("carbonmrv.mrv.figures").description("plant-day figures recomputed, by what was stored")
                .tag("stored", kind).register(registry);
    }
}
