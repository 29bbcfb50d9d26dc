package org.carbonmrv.devstack;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

/** What a native service under test shows once it has been quiet: its empty heap chunks given back. */
public final class IdleHeapChecks {

    private static final String TRIMS = "carbonmrv_heap_idle_trim_seconds_count";
    private static final String RETURNED = "carbonmrv_heap_idle_trim_returned_bytes_sum";

    private IdleHeapChecks() {
    }

    /** At least one idle trim within a minute, and resident memory given back by the trims. */
    public static void assertHeapTrimmedOnceQuiet() throws InterruptedException {
        Metrics metrics = Metrics.awaitAtLeast(null, TRIMS, 1, Duration.ofMinutes(1));
        assertTrue(metrics.sum(TRIMS) >= 1, "no idle trim within a minute");
        assertTrue(metrics.sum(RETURNED) > 0, "the trims gave back no resident memory");
    }
}
