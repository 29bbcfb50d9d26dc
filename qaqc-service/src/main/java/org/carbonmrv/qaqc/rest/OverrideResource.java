package org.carbonmrv.qaqc.rest;

import org.carbonmrv.common.security.Audit;
import org.carbonmrv.common.security.Roles;
import org.carbonmrv.common.Sql;
import org.carbonmrv.qaqc.grading.GradeEvents;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.carbonmrv.common.vocabulary.QartodFlag;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.agroal.api.AgroalDataSource;
import org.carbonmrv.common.problem.Problem;
import io.quarkus.narayana.jta.QuarkusTransaction;

@Path("/api/v1/overrides")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "overrides", description = "Reviewer overrides: they win over automatic flags until revoked")
@RolesAllowed({Roles.VIEWER, Roles.SERVICE, Roles.ENGINEER, Roles.REVIEWER, Roles.ADMIN})
public class OverrideResource {

    /** Either record ids (with their type) or plant + optional parameter + time range; the new flag; why. */
    public record OverrideRequest(String recordType, List<Long> recordIds, String plant, String parameter,
            LocalDateTime from, LocalDateTime to, @NotNull String flag, @NotBlank String reason) {

        /** The flag given by name (FAIL) or code (4). */
        QartodFlag qartodFlag() {
            return QartodFlag.parse(flag).orElseThrow(() -> bad("flag", "'" + flag + "' is not a flag: "
                    + QartodFlag.names()));
        }
    }

    private final AgroalDataSource dataSource;
    private final Sql sql;

    private final Audit audit;
    private final GradeEvents events;

    public OverrideResource(AgroalDataSource dataSource, Sql sql, Audit audit, GradeEvents events) {
        this.events = events;
        this.audit = audit;
        this.dataSource = dataSource;
        this.sql = sql;
    }

    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Override the flag of records (by id, or by plant, parameter and time range)")
    public Response create(@NotNull @Valid OverrideRequest r) {
        QartodFlag flag = r.qartodFlag();
        boolean byIds = r.recordIds() != null && !r.recordIds().isEmpty();
        if (byIds && r.recordType() == null) {
            throw bad("record_type", "required with record_ids (lab, sensor, ops)");
        }
        if (!byIds && (r.plant() == null || r.from() == null || r.to() == null)) {
            throw bad("record_ids", "give record_ids, or plant with from and to");
        }
        if (!byIds && r.from().isAfter(r.to())) {
            throw bad("from", "must not be after 'to'");
        }
        if (r.recordType() != null && !List.of("lab", "sensor", "ops").contains(r.recordType())) {
            throw bad("record_type", "one of lab, sensor, ops");
        }
        long id = QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "insert into qaqc.override (record_type, record_ids, plant, parameter, from_ts, to_ts, flag, "
                            + "reason, created_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id")) {
                ps.setString(1, r.recordType());
                ps.setArray(2, byIds ? c.createArrayOf("bigint", r.recordIds().toArray()) : null);
                ps.setString(3, r.plant());
                ps.setString(4, r.parameter());
                ps.setObject(5, r.from());
                ps.setObject(6, r.to());
                ps.setShort(7, flag.code);
                ps.setString(8, r.reason().strip());
                ps.setString(9, audit.subject());
                long created;
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    created = rs.getLong(1);
                }
                events.ofOverride(c, created);
                audit.record("override.create", "override " + created, Map.of("flag", flag.name(), "reason",
                        r.reason().strip(), "record_type", String.valueOf(r.recordType()), "record_ids",
                        byIds ? r.recordIds() : List.of(), "plant", String.valueOf(r.plant())));
                return created;
            }
        });
        return Response.created(URI.create("/api/v1/overrides/" + id)).entity(get(id)).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One override")
    public Map<String, Object> get(@PathParam("id") long id) {
        List<Map<String, Object>> rows = sql.rows("select * from qaqc.override where id = ?", List.of(id));
        if (rows.isEmpty()) {
            throw Problem.status(Response.Status.NOT_FOUND).title("No such override")
                    .detail("override " + id + " does not exist").build();
        }
        return rows.get(0);
    }

    @GET
    @Operation(summary = "Overrides, newest first; active=true for those not revoked")
    public List<Map<String, Object>> list(@QueryParam("active") @DefaultValue("false") boolean active) {
        return sql.rows("select * from qaqc.override" + (active ? " where revoked_at is null" : "")
                + " order by id desc", new ArrayList<>());
    }

    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke an override (kept in history with who and when)")
    public Map<String, Object> revoke(@PathParam("id") long id, @QueryParam("reason") String reason) {
        int n = QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "update qaqc.override set revoked_at = now(), revoked_by = ?, revoke_reason = ? "
                            + "where id = ? and revoked_at is null")) {
                ps.setString(1, audit.subject());
                ps.setString(2, reason);
                ps.setLong(3, id);
                int changed = ps.executeUpdate();
                if (changed > 0) {
                    events.ofOverride(c, id);
                    audit.record("override.revoke", "override " + id, Map.of("reason", String.valueOf(reason)));
                }
                return changed;
            }
        });
        Map<String, Object> o = get(id);
        if (n == 0) {
            throw Problem.status(Response.Status.CONFLICT).title("Already revoked")
                    .detail("override " + id + " was revoked at " + o.get("revoked_at")).build();
        }
        return o;
    }

    private static Problem bad(String field, String message) {
        return Problem.status(Response.Status.BAD_REQUEST).title("Invalid override")
                .detail(field + ": " + message).with("violations", List.of(Map.of("field", field, "message",
                        message))).build();
    }
}
