package org.carbonmrv.mrv.cache;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * One value computed at most once per data revision ({@link Revisions}), as {@link ResponseCache} does for answers:
 * the revision is read before computing and the value kept under it, so a value computed while a writer commits is
 * never served to a reader of the newer revision.
 */
public final class RevisionMemo<T> {

    private record Entry<T>(long revision, T value) {
    }

    private final Revisions revisions;
    private final Supplier<T> compute;
    private final AtomicReference<Entry<T>> last = new AtomicReference<>();

    public RevisionMemo(Revisions revisions, Supplier<T> compute) {
        this.revisions = revisions;
        this.compute = compute;
    }

    public T get() {
        long revision = revisions.current();
        Entry<T> e = last.get();
        if (e != null && e.revision() == revision) {
            return e.value();
        }
        T value = compute.get();
        last.accumulateAndGet(new Entry<>(revision, value), (old, now) -> old != null
                && old.revision() > now.revision() ? old : now);
        return value;
    }
}
