package org.carbonmrv.devstack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A database of its own for one test (e.g. a migration from an older schema version), on the PostgreSQL the tests
 * use: {@code QUARKUS_DATASOURCE_JDBC_URL} when set (CI against a real server), else the shared embedded one.
 * Dropped on close.
 */
public final class ScratchDatabase implements AutoCloseable {

    private final String admin;
    private final String user;
    private final String password;
    private final String name;
    private final String url;

    public ScratchDatabase(String prefix) throws SQLException {
        String env = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
        this.admin = env != null ? env : EmbeddedPostgresTestResource.shared().jdbcUrl("postgres");
        this.user = env != null ? System.getenv().getOrDefault("QUARKUS_DATASOURCE_USERNAME", "postgres") : "postgres";
        this.password = env != null ? System.getenv().getOrDefault("QUARKUS_DATASOURCE_PASSWORD", "") : "";
        this.name = prefix + "_" + System.nanoTime();
        try (Connection c = DriverManager.getConnection(admin, user, password); Statement st = c.createStatement()) {
            st.execute("create database " + name);
        }
        this.url = admin.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** Runs statements in one session (autocommit). */
    public void execute(String... sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    /** A query's rows, each as its columns' text joined with {@code |} (null as "null"). */
    public List<String> rows(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            return rows(c, sql);
        }
    }

    /** A query's rows on the given connection (e.g. inside a test's transaction), as {@link #rows(String)}. */
    public static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                List<String> cols = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    cols.add(rs.getString(i));
                }
                out.add(String.join("|", cols));
            }
        }
        return out;
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(admin, user, password); Statement st = c.createStatement()) {
            st.execute("drop database if exists " + name + " with (force)");
        }
    }
}
