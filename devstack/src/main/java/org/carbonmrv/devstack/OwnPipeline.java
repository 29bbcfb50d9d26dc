package org.carbonmrv.devstack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Packaged services on an embedded PostgreSQL of their own, for tests that kill, restart or reconfigure them (the
 * suite's shared database has the service under test working on it too). Closing kills every process it started and
 * drops the server.
 */
public final class OwnPipeline implements AutoCloseable {

    private final EmbeddedPostgres pg = EmbeddedPostgres.startEphemeral();
    private final List<Process> processes = new ArrayList<>();
    private Connection connection;

    /** The datasource a service of this pipeline is given. */
    public Map<String, String> datasource() {
        return Map.of("quarkus.datasource.jdbc.url", pg.jdbcUrl("postgres"), "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "");
    }

    /** Starts a process of {@code module} with {@code env} and waits until it is ready. @return its base URL */
    public String start(String module, Map<String, String> env) {
        return started(UpstreamServices.start(module, datasource(), env)).url();
    }

    /** A process this pipeline stops on close. */
    public UpstreamServices.Started started(UpstreamServices.Started s) {
        processes.add(s.process());
        return s;
    }

    public EmbeddedPostgres server() {
        return pg;
    }

    /** The first column of the first row of {@code sql}, as a number. */
    public long count(String sql) throws SQLException {
        return Long.parseLong(texts(sql).get(0));
    }

    /**
     * Every value of the first column of {@code sql}, as text. One connection serves the polls (a new backend per
     * 2 ms poll would load the server under test); it is opened again after a restart cut it.
     */
    public synchronized List<String> texts(String sql) throws SQLException {
        try {
            return query(sql);
        } catch (SQLException cut) {
            // a restart since the last poll: once on a new connection
            connection.close();
            connection = null;
            return query(sql);
        }
    }

    private List<String> query(String sql) throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = DriverManager.getConnection(pg.jdbcUrl("postgres"), "postgres", "");
        }
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    /** Waits until {@code sql} counts {@code expected} (a query that fails while the schema is made counts -1). */
    public void awaitCount(String sql, long expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long last = -1;
        while (System.nanoTime() < deadline) {
            try {
                last = count(sql);
            } catch (SQLException e) {
                last = -1;
            }
            if (last == expected) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(sql + ": " + last + ", not " + expected + ", after " + timeout);
    }

    /** Waits until another session holds a row lock on {@code schema.table}: a worker has claimed work from it. */
    public void awaitClaim(String schema, String table, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (count("select count(*) from pg_locks l join pg_class c on c.oid = l.relation join pg_namespace n "
                    + "on n.oid = c.relnamespace where n.nspname = '" + schema + "' and c.relname = '" + table
                    + "' and l.mode = 'RowShareLock' and l.pid <> pg_backend_pid()") > 0) {
                return;
            }
            Thread.sleep(2);
        }
        throw new AssertionError("nothing was claimed from " + schema + "." + table + " within " + timeout);
    }

    @Override
    public synchronized void close() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            // the server is stopped next
        }
        processes.forEach(Process::destroyForcibly);
        processes.forEach(p -> p.onExit().join());
        pg.close();
    }
}
