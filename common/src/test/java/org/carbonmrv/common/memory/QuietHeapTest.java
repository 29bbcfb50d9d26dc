package org.carbonmrv.common.memory;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Samples a second apart, a 2 s quiet spell and 8 MiB of growth, as the native services check their heaps. */
class QuietHeapTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long MIB = 1L << 20;

    private final QuietHeap heap = new QuietHeap(2 * SECOND, 8 * MIB);

    private static QuietHeap.Sample at(int second, long collections, long usedMib) {
        return new QuietHeap.Sample(collections, usedMib * MIB, second * SECOND);
    }

    @Test
    void aStartedServiceIsTrimmedOnceItHasBeenQuietForTwoSeconds() {
        assertFalse(heap.trimDue(at(1, 0, 19)));
        assertFalse(heap.trimDue(at(2, 0, 19)), "quiet for 1 s");
        assertTrue(heap.trimDue(at(3, 0, 19)), "quiet for 2 s, with the start's objects to free");
    }

    @Test
    void anIdleHeapIsTrimmedOnceNotEverySecond() {
        heap.trimDue(at(1, 0, 19));
        heap.trimmed(at(3, 1, 3));
        for (int s = 4; s < 60; s++) {
            assertFalse(heap.trimDue(at(s, 1, 3 + s / 10)), "5 MiB of new objects at most, at " + s + " s");
        }
    }

    @Test
    void newObjectsWorthEightMibMakeTheNextTrimDue() {
        heap.trimmed(at(3, 1, 3));
        assertFalse(heap.trimDue(at(4, 1, 11)), "8 MiB more, but quiet for 1 s only since the trim");
        assertTrue(heap.trimDue(at(5, 1, 11)));
    }

    @Test
    void aCollectionSinceTheTrimMakesTheNextTrimDueOnceQuietAgain() {
        heap.trimmed(at(3, 1, 3));
        assertFalse(heap.trimDue(at(4, 2, 3)), "a collection just now");
        assertFalse(heap.trimDue(at(5, 2, 3)));
        assertTrue(heap.trimDue(at(6, 2, 3)), "quiet for 2 s since the collection");
    }

    @Test
    void aHeapThatKeepsCollectingIsNeverTrimmed() {
        for (int s = 1; s < 60; s++) {
            assertFalse(heap.trimDue(at(s, s, 40)), "a collection every second, at " + s + " s");
        }
    }

    @Test
    void collectionsTwoSecondsApartAreNotQuietEnough() {
        heap.trimmed(at(0, 0, 3));
        for (int s = 1; s < 60; s++) {
            assertFalse(heap.trimDue(at(s, (s + 1) / 2, 40)), "a collection every other second, at " + s + " s");
        }
    }
}
