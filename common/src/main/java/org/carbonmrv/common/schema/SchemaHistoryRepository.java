package org.carbonmrv.common.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

/**
 * A service's Flyway history table, read and commented here only. The comment names the packaged migrations a
 * completed migration left the table holding, with the newest rank it had then; Flyway never writes comments, and
 * the comment goes with the table, so a dropped or recreated history has none.
 */
public final class SchemaHistoryRepository {

    /** The fingerprint the table was commented with and the newest rank it records now. */
    public record Recorded(String fingerprint, long commentedRank, long newestRank) {

        boolean holds(String packaged) {
            return fingerprint.equals(packaged) && commentedRank == newestRank;
        }
    }

    private static final Pattern COMMENT = Pattern.compile("packaged migrations ([0-9a-f]{64}) at rank (\\d+)");

    private final DataSource dataSource;
    private final String schema;
    private final String table;

    public SchemaHistoryRepository(DataSource dataSource, String schema, String table) {
        this.dataSource = dataSource;
        this.schema = schema;
        this.table = table;
    }

    /** Empty when the table does not exist yet or carries no fingerprint of ours. */
    public Optional<Recorded> recorded() {
        try (Connection c = dataSource.getConnection()) {
            Optional<Matcher> comment = comment(c).map(COMMENT::matcher).filter(Matcher::matches);
            if (comment.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Recorded(comment.get().group(1), Long.parseLong(comment.get().group(2)),
                    newestRank(c)));
        } catch (SQLException e) {
            throw new IllegalStateException("reading " + qualified() + " failed: " + e.getMessage(), e);
        }
    }

    /** Comments the table with {@code fingerprint} and the newest rank it records now. */
    public void record(String fingerprint) {
        if (!fingerprint.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256 in hex: " + fingerprint);
        }
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("comment on table " + qualified() + " is 'packaged migrations " + fingerprint + " at rank "
                    + newestRank(c) + "'");
        } catch (SQLException e) {
            throw new IllegalStateException("commenting " + qualified() + " failed: " + e.getMessage(), e);
        }
    }

    private Optional<String> comment(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select obj_description(to_regclass(quote_ident(?) || '.' || quote_ident(?)), 'pg_class')")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Optional.ofNullable(rs.getString(1));
            }
        }
    }

    /** Failed migrations count too: Flyway must see them. */
    private long newestRank(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select coalesce(max(installed_rank), 0) from " + qualified())) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String qualified() {
        return ident(schema) + "." + ident(table);
    }

    private static String ident(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
