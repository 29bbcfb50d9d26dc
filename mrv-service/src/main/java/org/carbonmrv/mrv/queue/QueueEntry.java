package org.carbonmrv.mrv.queue;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** An entry of the recompute queue as the API lists it: the grade event it mirrors, its status and last error. */
@RegisterForReflection
public record QueueEntry(long id, long sourceEventId, String plant, LocalDate day, String recordType,
        Long qaqcJobId, Long overrideId, QueueEntry.Status status, int attempts, String lastError,
        OffsetDateTime createdAt, OffsetDateTime doneAt) {

    /** PENDING until recomputed (DONE); PARKED after its attempts failed. */
    public enum Status {
        PENDING, DONE, PARKED
    }
}
