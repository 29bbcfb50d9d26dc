package org.carbonmrv.common;

import java.util.function.ToDoubleFunction;

import javax.sql.DataSource;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * A work queue's lag: pending and parked entries, age of the oldest pending one, and upstream events not yet
 * mirrored into the queue. Reported twice from one query: as a readiness check (its detail) and as gauges an
 * operator sets alarms on ({@code carbonmrv_queue_*{queue=…}}). A service's lag is a subclass naming its queue.
 */
public abstract class QueueLag implements HealthCheck, MeterBinder {

    /** One reading of the queue. */
    public record Lag(long pending, long parked, long oldestPendingSeconds, long unclaimedEvents) {
    }

    /** A scrape reads the gauges one by one: one query answers all four for this long. */
    private static final long GAUGE_READING_NANOS = 2_000_000_000L;

    private final DataSource dataSource;
    private final String name;
    private final String tag;
    private final String sql;
    private volatile Lag lastReading;
    private volatile long lastReadAt;

    /**
     * @param name the readiness check's name
     * @param tag the gauges' {@code queue} tag
     * @param queue the queue table (with status and created_at)
     * @param unclaimed a count query of upstream events without a queue entry
     */
    protected QueueLag(DataSource dataSource, String name, String tag, String queue, String unclaimed) {
        this.dataSource = dataSource;
        this.name = name;
        this.tag = tag;
        this.sql = "select count(*) filter (where status = 'PENDING'), count(*) filter (where status = 'PARKED'), "
                + "coalesce(extract(epoch from now() - min(created_at) filter (where status = 'PENDING')), 0)::bigint, "
                + "(" + unclaimed + ") from " + queue;
    }

    public Lag read() {
        Lag lag = Jdbc.first(dataSource, sql, rs -> new Lag(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                rs.getLong(4))).orElseThrow();
        lastReading = lag;
        lastReadAt = System.nanoTime();
        return lag;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            Lag lag = read();
            return HealthCheckResponse.named(name).up().withData("pending", lag.pending())
                    .withData("parked", lag.parked()).withData("oldest_pending_seconds", lag.oldestPendingSeconds())
                    .withData("unclaimed_events", lag.unclaimedEvents()).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named(name).down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "carbonmrv.queue.pending", "entries waiting to be processed", null, Lag::pending);
        gauge(registry, "carbonmrv.queue.parked", "entries that failed too often and wait for an operator", null,
                Lag::parked);
        gauge(registry, "carbonmrv.queue.oldest.pending", "age of the oldest pending entry", "seconds",
                Lag::oldestPendingSeconds);
        gauge(registry, "carbonmrv.queue.unclaimed.events", "upstream events not yet mirrored into the queue", null,
                Lag::unclaimedEvents);
    }

    private void gauge(MeterRegistry registry, String meter, String description, String unit,
            ToDoubleFunction<Lag> value) {
        Gauge.builder(meter, this, q -> q.recent().map(value::applyAsDouble).orElse(Double.NaN))
                .description(description).baseUnit(unit).tag("queue", tag).register(registry);
    }

    /** The last reading if it is recent, else a new one; empty while the database cannot be read. */
    private java.util.Optional<Lag> recent() {
        Lag last = lastReading;
        if (last != null && System.nanoTime() - lastReadAt < GAUGE_READING_NANOS) {
            return java.util.Optional.of(last);
        }
        try {
            return java.util.Optional.of(read());
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }
}
