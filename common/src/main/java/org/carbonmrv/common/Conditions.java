package org.carbonmrv.common;

import java.util.ArrayList;
import java.util.List;

/**
 * The WHERE clause of a typed query, built inside the repository that owns the query: a condition is added only for
 * a value that is given, and every value is bound, never spliced into the SQL.
 */
public final class Conditions {

    private final List<String> conditions = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();

    /** Adds {@code condition} (with one {@code ?}) when {@code value} is not null. */
    public Conditions and(String condition, Object value) {
        if (value != null) {
            conditions.add(condition);
            params.add(value);
        }
        return this;
    }

    /** Adds a condition that binds no value (a test on columns only). */
    public Conditions and(String condition) {
        conditions.add(condition);
        return this;
    }

    /** {@code ""} or {@code " where a and b"}. */
    public String sql() {
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    /** The bound values, then {@code more} (for the parameters after the WHERE clause: limit, offset). */
    public Object[] params(Object... more) {
        List<Object> all = new ArrayList<>(params);
        all.addAll(List.of(more));
        return all.toArray();
    }
}
