package org.carbonmrv.common.memory;

/**
 * When a heap has gone quiet enough to give its free chunks back: no collection for a while (work that allocates
 * collects often, and trimming under it would make every collection fault its chunks in again), and something to
 * give back since the last trim (a collection, or enough new objects), so an idle service trims once, not forever.
 */
final class QuietHeap {

    /** The collector's count of collections and the heap's bytes in use, read at one moment. */
    record Sample(long collections, long usedBytes, long atNanos) {
    }

    private final long quietNanos;
    private final long growthBytes;
    private Sample lastChange;
    private Sample afterTrim;

    QuietHeap(long quietNanos, long growthBytes) {
        this.quietNanos = quietNanos;
        this.growthBytes = growthBytes;
    }

    boolean trimDue(Sample now) {
        if (lastChange == null || now.collections() != lastChange.collections()) {
            lastChange = now;
            return false;
        }
        return now.atNanos() - lastChange.atNanos() >= quietNanos && worked(now);
    }

    /** What the trim left, which is the new baseline (its own collection is not work). */
    void trimmed(Sample after) {
        afterTrim = after;
        lastChange = after;
    }

    private boolean worked(Sample now) {
        return afterTrim == null || now.collections() != afterTrim.collections()
                || now.usedBytes() - afterTrim.usedBytes() >= growthBytes;
    }
}
