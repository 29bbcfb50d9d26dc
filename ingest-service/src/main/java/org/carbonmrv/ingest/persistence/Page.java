package org.carbonmrv.ingest.persistence;

import java.util.List;

import io.quarkus.hibernate.orm.panache.PanacheQuery;

/** One page of a listing: {@code page} is 0-based; {@code total} counts every matching item. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public static <T> Page<T> of(PanacheQuery<T> query, int page, int size) {
        return new Page<>(query.page(io.quarkus.panache.common.Page.of(page, size)).list(), page, size,
                query.count());
    }

    public <R> Page<R> map(java.util.function.Function<T, R> f) {
        return new Page<>(items.stream().map(f).toList(), page, size, total);
    }
}
