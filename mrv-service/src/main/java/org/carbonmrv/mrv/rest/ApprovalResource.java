package org.carbonmrv.mrv.rest;

import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.carbonmrv.common.security.Roles;
import org.carbonmrv.common.Sql;
import org.carbonmrv.mrv.approval.ApprovalService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import org.carbonmrv.common.problem.Problem;

@Path("/api/v1/approvals")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "approvals", description = "Reviewers approve or reject a plant's period; approved days are locked")
@RolesAllowed({Roles.VIEWER, Roles.SERVICE, Roles.ENGINEER, Roles.REVIEWER, Roles.ADMIN})
public class ApprovalResource {

    /** A plant's period, the decision and why; the reviewer is the token's subject. */
    public record ApprovalRequest(@NotBlank String plant, @NotNull LocalDate from, @NotNull LocalDate to,
            @NotNull @Pattern(regexp = "APPROVED|REJECTED", message = "APPROVED or REJECTED") String decision,
            @NotBlank String comment) {
    }

    private static final String SELECT = "select a.id, a.plant, a.from_day, a.to_day, a.decision, a.comment, "
            + "a.decided_by, a.decided_at, (select count(*) from mrv.approval_day d where d.approval_id = a.id) "
            + "as days, exists (select 1 from mrv.removal_state r where r.plant = a.plant and r.day between "
            + "a.from_day and a.to_day and r.pending_version is not null and not exists (select 1 from mrv.approval b "
            + "where b.plant = a.plant and b.id > a.id and r.day between b.from_day and b.to_day)) as "
            + "changed_after_approval from mrv.approval a";

    private final ApprovalService approvals;
    private final Sql sql;

    public ApprovalResource(ApprovalService approvals, Sql sql) {
        this.approvals = approvals;
        this.sql = sql;
    }

    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve or reject a plant's period with a comment; approving locks its days (and makes "
            + "figures waiting for approval current)")
    public Response decide(@NotNull @Valid ApprovalRequest r) {
        RemovalFilter.requireOrdered(r.from(), r.to());
        long id = approvals.decide(r.plant().strip(), r.from(), r.to(), r.decision(), r.comment());
        return Response.created(URI.create("/api/v1/approvals/" + id)).entity(get(id)).build();
    }

    @GET
    @Operation(summary = "Decisions, newest first; changed_after_approval when new data waits on an approved day")
    public List<Map<String, Object>> list(@QueryParam("plant") String plant) {
        List<Object> params = new ArrayList<>();
        String where = "";
        if (plant != null) {
            where = " where a.plant = ?";
            params.add(plant);
        }
        return sql.rows(SELECT + where + " order by a.id desc", params);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One decision with the version of each day it covered")
    public Map<String, Object> get(@PathParam("id") long id) {
        List<Map<String, Object>> rows = sql.rows(SELECT + " where a.id = ?", List.of(id));
        if (rows.isEmpty()) {
            throw Problem.status(Response.Status.NOT_FOUND).title("No such approval")
                    .detail("approval " + id + " does not exist").build();
        }
        Map<String, Object> a = rows.get(0);
        a.put("day_versions", sql.rows("select day, version from mrv.approval_day where approval_id = ? "
                + "order by day", List.of(id)));
        return a;
    }
}
