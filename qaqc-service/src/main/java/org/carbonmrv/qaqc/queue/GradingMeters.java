package org.carbonmrv.qaqc.queue;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Grading meters: jobs done and failed by record type, records graded, and the time a job takes. */
@ApplicationScoped
public class GradingMeters {

    private final MeterRegistry registry;

    public GradingMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    public void done(Job job, long records, long nanos) {
        jobs(job, "done").increment();
        Counter.builder("carbonmrv.qaqc.records.graded").description("records graded").tag("record_type",
                job.recordType()).register(registry).increment(records);
        Timer.builder("carbonmrv.qaqc.job.duration").description("one grading job, claim to commit")
                .tag("record_type", job.recordType()).register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A failed attempt; the job is retried, or parked once it has failed too often (the parked gauge shows it). */
    public void failed(Job job) {
        jobs(job, "failed").increment();
    }

    private Counter jobs(Job job, String outcome) {
        return Counter.builder("carbonmrv.qaqc.jobs").description("grading job attempts by outcome")
                .tag("outcome", outcome).tag("record_type", job.recordType()).register(registry);
    }
}
