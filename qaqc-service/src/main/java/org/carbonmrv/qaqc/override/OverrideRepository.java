package org.carbonmrv.qaqc.override;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.Jdbc;

import io.agroal.api.AgroalDataSource;

/** The SQL of {@code qaqc.override}: inserted, read, revoked (never deleted). */
@ApplicationScoped
public class OverrideRepository {

    private static final String COLUMNS = "id, record_type, record_ids, plant, parameter, from_ts, to_ts, flag, "
            + "reason, created_by, created_at, revoked_at, revoked_by, revoke_reason";

    private final AgroalDataSource dataSource;

    public OverrideRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @return the new override's id */
    public long insert(Connection c, NewOverride o, String by) throws SQLException {
        Array ids = o.byIds() ? c.createArrayOf("bigint", o.recordIds().toArray()) : null;
        return Jdbc.list(c, "insert into qaqc.override (record_type, record_ids, plant, parameter, from_ts, to_ts, "
                + "flag, reason, created_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id", rs -> rs.getLong(1),
                o.recordType() == null ? null : o.recordType().code(), ids, o.plant(), o.parameter(), o.from(),
                o.to(), o.flag().code, o.reason(), by).get(0);
    }

    /** Revokes the override if it is active. @return whether it was */
    public boolean revoke(Connection c, long id, String by, String reason) throws SQLException {
        return Jdbc.update(c, "update qaqc.override set revoked_at = now(), revoked_by = ?, revoke_reason = ? "
                + "where id = ? and revoked_at is null", by, reason, id) > 0;
    }

    public Optional<FlagOverride> byId(long id) {
        return Jdbc.first(dataSource, "select " + COLUMNS + " from qaqc.override where id = ?",
                OverrideRepository::row, id);
    }

    /** Every override (or only those not revoked), newest first. */
    public List<FlagOverride> list(boolean activeOnly) {
        return Jdbc.list(dataSource, "select " + COLUMNS + " from qaqc.override where (not ? or revoked_at is null) "
                + "order by id desc", OverrideRepository::row, activeOnly);
    }

    /** Overrides covering one record (as qaqc.override_covers decides), in order. */
    public List<FlagOverride> covering(String recordType, long recordId, String plant, String parameter,
            LocalDateTime ts) {
        return Jdbc.list(dataSource, "select " + COLUMNS + " from qaqc.override o where qaqc.override_covers(o, ?, "
                + "?, ?, ?, ?) order by o.id", OverrideRepository::row, recordType, recordId, plant, parameter, ts);
    }

    static FlagOverride row(ResultSet rs) throws SQLException {
        Array ids = rs.getArray(3);
        return new FlagOverride(rs.getLong(1), rs.getString(2), ids == null ? null : Arrays.asList((Long[]) ids
                .getArray()), rs.getString(4), rs.getString(5), rs.getObject(6, LocalDateTime.class),
                rs.getObject(7, LocalDateTime.class), rs.getInt(8), rs.getString(9), rs.getString(10),
                Jdbc.instant(rs, 11), Jdbc.instant(rs, 12), rs.getString(13), rs.getString(14));
    }
}
