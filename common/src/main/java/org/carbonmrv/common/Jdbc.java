package org.carbonmrv.common;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import javax.sql.DataSource;

/**
 * Typed reads with bound parameters only: each row mapped to a record by the repository that owns the query. A
 * connection of the pool (the caller's transaction's, when it has one).
 */
public final class Jdbc {

    /** One row as a record. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private Jdbc() {
    }

    public static <T> List<T> list(DataSource ds, String sql, RowMapper<T> mapper, Object... params) {
        List<T> out = new ArrayList<>();
        forEach(ds, sql, mapper, out::add, params);
        return out;
    }

    /**
     * A read whose planning costs more than its execution (a union over views and monthly partitions, planned
     * several times longer than it runs): once the driver has prepared it on the connection,
     * PostgreSQL keeps its generic plan, with partitions pruned at run time, instead of planning it for each set of
     * values. For this statement only: the connection's setting is restored before it goes back to the pool.
     */
    public static <T> List<T> listWithKeptPlan(DataSource ds, String sql, RowMapper<T> mapper, Object... params) {
        try (Connection c = ds.getConnection()) {
            try (Statement st = c.createStatement()) {
                st.execute("set plan_cache_mode = force_generic_plan");
            }
            try {
                return list(c, sql, mapper, params);
            } finally {
                try (Statement st = c.createStatement()) {
                    st.execute("reset plan_cache_mode");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + e.getMessage(), e);
        }
    }

    public static <T> List<T> list(Connection c, String sql, RowMapper<T> mapper, Object... params)
            throws SQLException {
        List<T> out = new ArrayList<>();
        forEach(c, sql, mapper, out::add, params);
        return out;
    }

    /**
     * Each row handed to {@code each} as it is read, without a list of them all (a caller that turns thousands of
     * rows straight into an answer); returns how many rows.
     */
    public static <T> long forEach(DataSource ds, String sql, RowMapper<T> mapper, Consumer<T> each,
            Object... params) {
        try (Connection c = ds.getConnection()) {
            return forEach(c, sql, mapper, each, params);
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + e.getMessage(), e);
        }
    }

    private static <T> long forEach(Connection c, String sql, RowMapper<T> mapper, Consumer<T> each,
            Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            long n = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    each.accept(mapper.map(rs));
                    n++;
                }
            }
            return n;
        }
    }

    public static <T> Optional<T> first(DataSource ds, String sql, RowMapper<T> mapper, Object... params) {
        return list(ds, sql, mapper, params).stream().findFirst();
    }

    /** An insert, update or delete on the caller's connection. @return rows changed */
    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }

    /** An insert, update or delete on a connection of the pool (the caller's transaction's, when it has one). */
    public static int update(DataSource ds, String sql, Object... params) {
        try (Connection c = ds.getConnection()) {
            return update(c, sql, params);
        } catch (SQLException e) {
            throw new IllegalStateException("update failed: " + e.getMessage(), e);
        }
    }

    public static long count(DataSource ds, String sql, Object... params) {
        return list(ds, sql, rs -> rs.getLong(1), params).get(0);
    }

    /** A nullable integer column. */
    public static Integer integer(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    /** A nullable bigint column. */
    public static Long bigint(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    /** A nullable double precision column. */
    public static Double number(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    public static OffsetDateTime instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class);
    }

    public static List<String> texts(ResultSet rs, int column) throws SQLException {
        Array a = rs.getArray(column);
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }

    public static List<Integer> integers(ResultSet rs, int column) throws SQLException {
        Array a = rs.getArray(column);
        return a == null ? List.of() : Arrays.asList((Integer[]) a.getArray());
    }

    /** A smallint[] (or integer[]) column as integers. */
    public static List<Integer> smallints(ResultSet rs, int column) throws SQLException {
        Array a = rs.getArray(column);
        if (a == null) {
            return List.of();
        }
        List<Integer> out = new ArrayList<>();
        for (Object o : (Object[]) a.getArray()) {
            out.add(o == null ? null : ((Number) o).intValue());
        }
        return out;
    }
}
