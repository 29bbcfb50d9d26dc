package org.carbonmrv.ingest.persistence;

import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;

import io.quarkus.hibernate.orm.panache.PanacheQuery;

/** One page of a listing: {@code page} is 0-based; {@code total} counts every matching item. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public static <T> Page<T> of(PanacheQuery<T> query, int page, int size) {
        return new Page<>(query.page(io.quarkus.panache.common.Page.of(page, size)).list(), page, size,
                query.count());
    }

    /** A page read by the caller; {@code count} runs only when the page alone does not tell the total. */
    public static <T> Page<T> of(List<T> items, int page, int size, LongSupplier count) {
        boolean whole = page == 0 && items.size() < size;
        return new Page<>(items, page, size, whole ? items.size() : count.getAsLong());
    }

    public <R> Page<R> map(Function<T, R> f) {
        return new Page<>(items.stream().map(f).toList(), page, size, total);
    }
}
