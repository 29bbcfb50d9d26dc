package org.carbonmrv.common.security;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.carbonmrv.common.Sql;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The service's audit trail, read-only (no API writes or changes it). */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit", description = "Who did what, when, with which request id (append-only)")
public class AuditResource {

    private final Sql sql;
    private final String table;

    public AuditResource(Sql sql, @ConfigProperty(name = "quarkus.flyway.schemas") String schema) {
        this.sql = sql;
        this.table = schema + ".audit";
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.REVIEWER})
    @Operation(summary = "Audit rows, newest first: filters subject, action, request_id, from, to (ISO date-times)")
    public List<Map<String, Object>> list(@QueryParam("subject") String subject, @QueryParam("action") String action,
            @QueryParam("request_id") String requestId, @QueryParam("from") LocalDateTime from,
            @QueryParam("to") LocalDateTime to, @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        add(where, params, "subject = ?", subject);
        add(where, params, "action = ?", action);
        add(where, params, "request_id = ?", requestId);
        add(where, params, "at >= ?", from);
        add(where, params, "at <= ?", to);
        params.add(limit);
        return sql.rows("select id, at, subject, roles, action, target, details::text as details, request_id from "
                + table + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                + " order by id desc limit ?", params);
    }

    private static void add(List<String> where, List<Object> params, String condition, Object value) {
        if (value != null) {
            where.add(condition);
            params.add(value);
        }
    }
}
