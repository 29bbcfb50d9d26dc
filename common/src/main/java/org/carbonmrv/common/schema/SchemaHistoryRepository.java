package org.carbonmrv.common.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.carbonmrv.common.Jdbc;

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
        // null when the table is missing (to_regclass) or has no comment: no row mapper for a null first row
        String comment = Jdbc.list(dataSource, "select obj_description(to_regclass(quote_ident(?) || '.' || "
                + "quote_ident(?)), 'pg_class')", rs -> Optional.ofNullable(rs.getString(1)), schema, table).get(0)
                .orElse("");
        Matcher m = COMMENT.matcher(comment);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Recorded(m.group(1), Long.parseLong(m.group(2)), newestRank()));
    }

    /** Comments the table with {@code fingerprint} and the newest rank it records now. */
    public void record(String fingerprint) {
        if (!fingerprint.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256 in hex: " + fingerprint);
        }
        String comment = "packaged migrations " + fingerprint + " at rank " + newestRank();
        try (Connection c = dataSource.getConnection()) {
            Jdbc.update(c, "comment on table " + qualified() + " is '" + comment + "'");
        } catch (SQLException e) {
            throw new IllegalStateException("commenting " + qualified() + " failed: " + e.getMessage(), e);
        }
    }

    /** Failed migrations count too: Flyway must see them. */
    private long newestRank() {
        return Jdbc.count(dataSource, "select coalesce(max(installed_rank), 0) from " + qualified());
    }

    private String qualified() {
        return ident(schema) + "." + ident(table);
    }

    private static String ident(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
