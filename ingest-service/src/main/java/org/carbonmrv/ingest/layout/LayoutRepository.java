package org.carbonmrv.ingest.layout;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.Jdbc;
import org.carbonmrv.ingest.persistence.JsonColumns;

import io.agroal.api.AgroalDataSource;

/** The layout profiles' SQL ({@code ingest.layout_profile}); the caller's transaction, when there is one. */
@ApplicationScoped
public class LayoutRepository {

    private static final String COLUMNS = "id, version, record_type, format, definition::text, created_at";

    private final AgroalDataSource dataSource;
    private final JsonColumns json;

    public LayoutRepository(AgroalDataSource dataSource, JsonColumns json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** The latest version of every profile, by id. */
    public List<LayoutProfile> current() {
        return Jdbc.list(dataSource, "select distinct on (id) " + COLUMNS + " from ingest.layout_profile "
                + "order by id, version desc", this::row);
    }

    public Optional<LayoutProfile> current(String id) {
        return Jdbc.first(dataSource, "select " + COLUMNS + " from ingest.layout_profile where id = ? "
                + "order by version desc limit 1", this::row, id);
    }

    /** Every version of a profile, oldest first. */
    public List<LayoutProfile> versions(String id) {
        return Jdbc.list(dataSource, "select " + COLUMNS + " from ingest.layout_profile where id = ? order by version",
                this::row, id);
    }

    /** Stores the next version of a profile (1 for a new id); a concurrent save of the same id fails on the key. */
    public LayoutProfile insert(String id, String recordType, String format, LayoutDefinition definition) {
        return Jdbc.list(dataSource, "insert into ingest.layout_profile (id, version, record_type, format, definition) "
                + "select ?, coalesce(max(version), 0) + 1, ?, ?, cast(? as jsonb) from ingest.layout_profile "
                + "where id = ? returning " + COLUMNS, this::row, id, recordType, format, json.write(definition), id).get(0);
    }

    private LayoutProfile row(ResultSet rs) throws SQLException {
        return new LayoutProfile(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                json.read(rs.getString(5), LayoutDefinition.class), Jdbc.instant(rs, 6));
    }
}
