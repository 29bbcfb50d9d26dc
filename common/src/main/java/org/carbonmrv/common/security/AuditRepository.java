package org.carbonmrv.common.security;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.Jdbc;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads of the service's audit trail ({@code <schema>.audit}); every value bound. */
@ApplicationScoped
public class AuditRepository {

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final String table;

    public AuditRepository(DataSource dataSource, ObjectMapper json,
            @ConfigProperty(name = "quarkus.flyway.schemas") String schema) {
        this.dataSource = dataSource;
        this.json = json;
        this.table = schema + ".audit";
    }

    public List<AuditEntry> list(AuditQuery q) {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        add(where, params, "subject = ?", q.subject());
        add(where, params, "action = ?", q.action());
        add(where, params, "request_id = ?", q.requestId());
        add(where, params, "at >= ?", q.from());
        add(where, params, "at <= ?", q.to());
        params.add(q.limit());
        return Jdbc.list(dataSource, "select id, at, subject, roles, action, target, details::text, request_id, "
                + "chain_seq, hash from " + table + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                + " order by id desc limit ?", rs -> new AuditEntry(rs.getLong(1), Jdbc.instant(rs, 2),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), tree(rs.getString(7)),
                        rs.getString(8), Jdbc.bigint(rs, 9), rs.getString(10)), params.toArray());
    }

    private com.fasterxml.jackson.databind.JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored audit details are not JSON", e);
        }
    }

    private static void add(List<String> where, List<Object> params, String condition, Object value) {
        if (value != null) {
            where.add(condition);
            params.add(value);
        }
    }
}
