package org.carbonmrv.mrv.rest;

import java.time.LocalDate;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.carbonmrv.common.problem.Problem;
import org.carbonmrv.common.security.Audit;
import org.carbonmrv.common.security.Roles;
import org.carbonmrv.mrv.removal.RecomputeService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/recompute")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "recompute", description = "Operators: recompute a plant's days now")
@RolesAllowed({Roles.VIEWER, Roles.SERVICE, Roles.ENGINEER, Roles.REVIEWER, Roles.ADMIN})
public class RecomputeResource {

    /** A plant and an inclusive day range. */
    public record RecomputeRequest(@NotBlank String plant, @NotNull LocalDate from, @NotNull LocalDate to) {
    }

    private final RecomputeService recompute;

    private final Audit audit;

    public RecomputeResource(RecomputeService recompute, Audit audit) {
        this.audit = audit;
        this.recompute = recompute;
    }

    @RolesAllowed({Roles.ENGINEER, Roles.ADMIN})
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Recompute a plant's days with data in a range; changed figures become new versions "
            + "(pending on approved days), unchanged ones stay")
    public RecomputeService.RangeOutcome recompute(@NotNull @Valid RecomputeRequest r) {
        RemovalFilter.requireOrdered(r.from(), r.to());
        if (r.from().plusYears(50).isBefore(r.to())) {
            throw Problem.badRequest("to", "a range of at most 50 years");
        }
        return recompute.recomputeRange(r.plant().strip(), r.from(), r.to(), audit.subject());
    }
}
