package org.carbonmrv.ingest.persistence;

import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;

/** One page of a listing: {@code page} is 0-based; {@code total} counts every matching item. */
public record Page<T>(List<T> items, int page, int size, long total) {

    /** The page of {@code items} read; {@code count} runs only when the page alone does not tell the total. */
    public static <T> Page<T> of(List<T> items, int page, int size, LongSupplier count) {
        return new Page<>(items, page, size, total(items.size(), page, size, count));
    }

    /**
     * The total of a listing of which {@code read} items were read for a page; {@code count} runs only when the page
     * alone does not tell it.
     */
    public static long total(long read, int page, int size, LongSupplier count) {
        return page == 0 && read < size ? read : count.getAsLong();
    }

    public <R> Page<R> map(Function<T, R> f) {
        return new Page<>(items.stream().map(f).toList(), page, size, total);
    }
}
