package org.carbonmrv.ingest.upload;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * An ingest started while its request is still being read: it parses and writes as the bytes arrive, and commits
 * only once the request's end says it counts ({@link #finish}); one that does not count writes and records nothing.
 */
public final class IngestAttempt {

    private final CompletableFuture<Boolean> counts;
    private final Future<UploadOutcome> outcome;

    IngestAttempt(CompletableFuture<Boolean> counts, Future<UploadOutcome> outcome) {
        this.counts = counts;
        this.outcome = outcome;
    }

    /** Says whether this ingest counts, and waits for what it came to. */
    public UploadOutcome finish(boolean counted) {
        counts.complete(counted);
        try {
            return outcome.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Ends an ingest whose outcome is not used (a failed request): it writes nothing, and any failure is dropped. */
    public void abandon() {
        try {
            finish(false);
        } catch (RuntimeException e) {
            // the request failed: its answer comes from that failure
        }
    }
}
