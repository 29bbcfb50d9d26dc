package org.carbonmrv.common.security;

import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.Conditions;
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
        Conditions where = new Conditions().and("subject = ?", q.subject()).and("action = ?", q.action())
                .and("request_id = ?", q.requestId()).and("at >= ?", q.from()).and("at <= ?", q.to());
        return Jdbc.list(dataSource, "select id, at, subject, roles, action, target, details::text, request_id, "
                + "chain_seq, hash from " + table + where.sql() + " order by id desc limit ?", rs -> new AuditEntry(rs.getLong(1), Jdbc.instant(rs, 2),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), tree(rs.getString(7)),
                        rs.getString(8), Jdbc.bigint(rs, 9), rs.getString(10)), where.params(q.limit()));
    }

    private com.fasterxml.jackson.databind.JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored audit details are not JSON", e);
        }
    }
}
