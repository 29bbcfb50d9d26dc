package org.carbonmrv.ingest.upload;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Upload meters: files by outcome, record type and plant; records and bytes stored; the time from the first bytes
 * to the answer (the parse and the transaction included). Tags come from the recorded upload, so their values are
 * the registry's plants and the four record types, never free text of a request.
 */
@ApplicationScoped
public class UploadMeters {

    private final MeterRegistry registry;

    public UploadMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(UploadOutcome outcome, long nanos) {
        Upload u = upload(outcome);
        if (u == null) {
            return; // superseded by the same request's other attempt: that one is counted
        }
        String result = outcome instanceof UploadOutcome.Accepted ? "accepted"
                : outcome instanceof UploadOutcome.Repeated ? "repeated" : "rejected";
        String kind = u.recordType() == null ? "unknown" : u.recordType();
        String plant = u.plants().size() == 1 ? u.plants().get(0) : u.plants().isEmpty() ? "none" : "several";
        Counter.builder("carbonmrv.uploads").description("uploaded files by outcome").tag("outcome", result)
                .tag("record_type", kind).tag("plant", plant).register(registry).increment();
        Timer.builder("carbonmrv.upload.duration").description("first bytes to answer, parse included")
                .tag("outcome", result).tag("record_type", kind).register(registry).record(nanos, TimeUnit.NANOSECONDS);
        if (outcome instanceof UploadOutcome.Accepted) {
            Counter.builder("carbonmrv.upload.records").description("records stored").tag("record_type", kind)
                    .tag("plant", plant).register(registry).increment(u.recordsStored());
            DistributionSummary.builder("carbonmrv.upload.stored").description("bytes of accepted files")
                    .baseUnit("bytes").tag("record_type", kind).register(registry).record(u.sizeBytes());
        }
    }

    private static Upload upload(UploadOutcome o) {
        if (o instanceof UploadOutcome.Accepted a) {
            return a.upload();
        }
        if (o instanceof UploadOutcome.Repeated r) {
            return r.existing();
        }
        return o instanceof UploadOutcome.Rejected x ? x.recorded() : null;
    }
}
