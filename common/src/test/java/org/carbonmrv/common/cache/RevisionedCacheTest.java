package org.carbonmrv.common.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Kept per key and revision, bounded in bytes, least recently used first out. */
class RevisionedCacheTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<String> reads = new ArrayList<>();
    /** Values are strings of their size in bytes; 10 bytes at most. */
    private final RevisionedCache<String, Long, String> cache = new RevisionedCache<>("test", "t", 10,
            String::length, registry);

    private String get(String key, long revision, String value) {
        return cache.get(key, revision, () -> {
            reads.add(key + "@" + revision);
            return value;
        });
    }

    @Test
    void aValueIsKeptForItsRevisionAndReadAgainForAnother() {
        assertEquals("aaa", get("a", 1, "aaa"));
        assertEquals("aaa", get("a", 1, "xxx"));
        assertEquals("bbb", get("a", 2, "bbb"), "another revision: read again");
        assertEquals("bbb", get("a", 2, "xxx"));
        assertEquals("ccc", get("a", 1, "ccc"), "an older revision is not served a newer answer's bytes either");
        assertEquals(List.of("a@1", "a@2", "a@1"), reads);
        assertEquals(2, registry.get("test.cache.requests").tag("result", "hit").counter().count());
        assertEquals(3, registry.get("test.cache.requests").tag("result", "miss").counter().count());
        assertEquals(3, cache.bytes(), "a replaced answer gives its bytes back");
    }

    @Test
    void theLeastRecentlyUsedMakeRoomAndAValueLargerThanTheBoundIsNotKept() {
        get("a", 1, "aaaa");
        get("b", 1, "bbbb");
        get("a", 1, "----"); // a used after b
        get("c", 1, "cccc"); // 12 bytes: b, the least recently used, goes
        assertEquals(8, cache.bytes());
        get("b", 1, "bbbb");
        get("x", 1, "xxxxxxxxxxx"); // 11 bytes: read, not kept, nothing dropped for it
        get("x", 1, "xxxxxxxxxxx");
        assertEquals(List.of("a@1", "b@1", "c@1", "b@1", "x@1", "x@1"), reads);
        assertEquals(8, cache.bytes());
        assertEquals(8, registry.get("test.cache.size").gauge().value());
    }
}
