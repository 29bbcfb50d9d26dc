package org.carbonmrv.mrv.cache;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Values computed from the served data, kept per data revision ({@link Revisions}): a lookup takes the newest
 * committed revision, then answers from memory when the same key was computed at that revision. A value computed
 * while a writer commits is stored under the revision read before it, which readers of the newer revision never
 * look up: nothing stale is served. Bounded in bytes (a value past the bound is computed, not kept); entries of
 * older revisions are dropped when a newer revision is first seen.
 */
public final class RevisionCache<K, V> {

    private record Key<K>(long revision, K key) {
    }

    private final Revisions revisions;
    private final long maxBytes;
    private final ToLongFunction<V> size;
    private final ConcurrentHashMap<Key<K>, V> entries = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();
    private volatile long newest = -1;
    private final Counter hits;
    private final Counter misses;

    /** @param name the {@code cache} tag of its meters */
    public RevisionCache(Revisions revisions, long maxBytes, ToLongFunction<V> size, MeterRegistry registry,
            String name) {
        this.revisions = revisions;
        this.maxBytes = maxBytes;
        this.size = size;
        this.hits = requests(registry, name, "hit");
        this.misses = requests(registry, name, "miss");
        Gauge.builder("carbonmrv.mrv.cache.size", bytes, AtomicLong::get).baseUnit("bytes").tag("cache", name)
                .description("answers held in memory").register(registry);
    }

    private static Counter requests(MeterRegistry registry, String name, String result) {
        return Counter.builder("carbonmrv.mrv.cache.requests").description("read answers, from memory or computed")
                .tag("cache", name).tag("result", result).register(registry);
    }

    /**
     * The value kept for the newest revision known without a database read (notifications), or null: a caller on
     * an event-loop thread answers from it without blocking.
     */
    public V peek(K key) {
        long revision = revisions.knownWithoutReading();
        V hit = revision >= 0 && revision == newest ? entries.get(new Key<>(revision, key)) : null;
        if (hit != null) {
            hits.increment();
        }
        return hit;
    }

    /** The value of the newest committed revision: from memory, or computed (and kept when it fits). */
    public V get(K key, Supplier<V> compute) {
        long revision = revisions.current();
        if (revision > newest) {
            newest = revision;
            dropOlderThan(revision);
        }
        Key<K> k = new Key<>(revision, key);
        V value = entries.get(k);
        if (value != null) {
            hits.increment();
            return value;
        }
        misses.increment();
        value = compute.get();
        long n = size.applyAsLong(value);
        if (revision == newest && bytes.get() + n <= maxBytes && entries.putIfAbsent(k, value) == null) {
            bytes.addAndGet(n);
        }
        return value;
    }

    /** Each entry's bytes are given back by whoever removes it: two readers seeing a new revision drop it once. */
    private void dropOlderThan(long revision) {
        for (Key<K> k : entries.keySet()) {
            if (k.revision() < revision) {
                V old = entries.remove(k);
                if (old != null) {
                    bytes.addAndGet(-size.applyAsLong(old));
                }
            }
        }
    }
}
