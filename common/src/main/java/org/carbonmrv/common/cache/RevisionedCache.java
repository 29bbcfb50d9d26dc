package org.carbonmrv.common.cache;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Answers read from the database, each kept with the revision of the data it was read at: a lookup names the
 * revision that is current now, read by the caller before it reads any data, and gets the kept answer only when that
 * is the revision it was kept for; otherwise the answer is read again and replaces it. An answer read while a writer
 * commits may already hold the newer data under the older revision, which a reader of the newer revision never
 * asks for: nothing older than the revision asked for is served.
 * <p>
 * Bounded in bytes; when a new answer does not fit, the least recently used ones make room (an answer larger than
 * the whole bound is read, not kept). A replica keeps its own answers: every lookup asks the database's revision.
 *
 * @param <K> what identifies an answer (the request's parameters)
 * @param <R> the revision of the data it is read from (compared with {@code equals})
 * @param <V> the answer
 */
public final class RevisionedCache<K, R, V> {

    private record Kept<R, V>(R revision, V value, long bytes) {
    }

    private final long maxBytes;
    private final ToLongFunction<V> size;
    private final ReentrantLock lock = new ReentrantLock();
    /** In access order: the first entry is the least recently used. Guarded by {@link #lock}. */
    private final LinkedHashMap<K, Kept<R, V>> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;
    private final Counter hits;
    private final Counter misses;

    /**
     * @param prefix the meters' prefix ({@code carbonmrv.ingest}): {@code <prefix>.cache.requests} counts lookups by
     *        {@code result} (hit, miss), {@code <prefix>.cache.size} the bytes kept, both tagged {@code cache=name}
     */
    public RevisionedCache(String prefix, String name, long maxBytes, ToLongFunction<V> size,
            MeterRegistry registry) {
        this.maxBytes = maxBytes;
        this.size = size;
        this.hits = requests(registry, prefix, name, "hit");
        this.misses = requests(registry, prefix, name, "miss");
        Gauge.builder(prefix + ".cache.size", this, RevisionedCache::bytes).baseUnit("bytes").tag("cache", name)
                .description("answers held in memory").register(registry);
    }

    private static Counter requests(MeterRegistry registry, String prefix, String name, String result) {
        return Counter.builder(prefix + ".cache.requests").description("read answers, from memory or computed")
                .tag("cache", name).tag("result", result).register(registry);
    }

    /** The answer for {@code key} at {@code revision}: kept, or read by {@code read} (and kept when it fits). */
    public V get(K key, R revision, Supplier<V> read) {
        V kept = kept(key, revision);
        if (kept != null) {
            hits.increment();
            return kept;
        }
        misses.increment();
        V value = read.get();
        keep(key, new Kept<>(revision, value, size.applyAsLong(value)));
        return value;
    }

    private V kept(K key, R revision) {
        lock.lock();
        try {
            Kept<R, V> k = entries.get(key);
            return k != null && k.revision().equals(revision) ? k.value() : null;
        } finally {
            lock.unlock();
        }
    }

    private void keep(K key, Kept<R, V> k) {
        if (k.bytes() > maxBytes) {
            return;
        }
        lock.lock();
        try {
            Kept<R, V> old = entries.put(key, k);
            bytes += k.bytes() - (old == null ? 0 : old.bytes());
            Iterator<Map.Entry<K, Kept<R, V>>> eldest = entries.entrySet().iterator();
            while (bytes > maxBytes) {
                Map.Entry<K, Kept<R, V>> e = eldest.next();
                bytes -= e.getValue().bytes();
                eldest.remove();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The bytes of the answers kept. */
    public long bytes() {
        lock.lock();
        try {
            return bytes;
        } finally {
            lock.unlock();
        }
    }
}
