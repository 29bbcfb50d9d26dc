package org.carbonmrv.mrv.rest;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

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

import org.carbonmrv.common.problem.Problem;
import org.carbonmrv.common.security.Roles;
import org.carbonmrv.common.vocabulary.ApprovalState;
import org.carbonmrv.mrv.approval.Approval;
import org.carbonmrv.mrv.approval.ApprovalService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

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

    private final ApprovalService approvals;

    public ApprovalResource(ApprovalService approvals) {
        this.approvals = approvals;
    }

    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve or reject a plant's period with a comment; approving locks its days (and makes "
            + "figures waiting for approval current)")
    public Response decide(@NotNull @Valid ApprovalRequest r) {
        RemovalFilter.requireOrdered(r.from(), r.to());
        long id = approvals.decide(r.plant().strip(), r.from(), r.to(), ApprovalState.Decision.valueOf(r.decision()),
                r.comment());
        return Response.created(URI.create("/api/v1/approvals/" + id)).entity(get(id)).build();
    }

    @GET
    @Operation(summary = "Decisions, newest first; changed_after_approval when new data waits on an approved day")
    public List<Approval> list(@QueryParam("plant") String plant) {
        return approvals.list(plant);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One decision with the version of each day it covered")
    public Approval get(@PathParam("id") long id) {
        return approvals.byId(id).orElseThrow(() -> Problem.notFound("No such approval", "approval " + id
                + " does not exist"));
    }
}
