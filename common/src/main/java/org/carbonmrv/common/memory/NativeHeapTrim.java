package org.carbonmrv.common.memory;

import org.graalvm.nativeimage.RuntimeOptions;

/**
 * One full collection that frees every empty chunk. Native only: the serial collector keeps a young generation's
 * worth of empty chunks after a collection ({@code MaxHeapFree} unset), which suits bulk work and wastes an idle
 * service's memory; the limit is lowered for this one collection, so the bulk work keeps the collector's default.
 * Loaded only in a native executable, whose builder supplies {@link RuntimeOptions}.
 */
final class NativeHeapTrim {

    private static final String MAX_HEAP_FREE = "MaxHeapFree";
    /** One aligned chunk, so the next allocation after the trim does not have to map a chunk at once. */
    private static final long KEEP_BYTES = 1L << 20;

    private NativeHeapTrim() {
    }

    static void collectAndFree() {
        Object kept = RuntimeOptions.get(MAX_HEAP_FREE);
        RuntimeOptions.set(MAX_HEAP_FREE, KEEP_BYTES);
        try {
            System.gc();
        } finally {
            RuntimeOptions.set(MAX_HEAP_FREE, kept);
        }
    }
}
