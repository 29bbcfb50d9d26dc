package org.carbonmrv.qaqc.rest;

import java.net.URI;
import java.time.LocalDateTime;
import java.util.List;

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

import org.carbonmrv.common.problem.Problem;
import org.carbonmrv.common.security.Roles;
import org.carbonmrv.common.vocabulary.QartodFlag;
import org.carbonmrv.common.vocabulary.RecordType;
import org.carbonmrv.qaqc.override.FlagOverride;
import org.carbonmrv.qaqc.override.NewOverride;
import org.carbonmrv.qaqc.override.OverrideService;
import org.carbonmrv.qaqc.override.Revocation;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/overrides")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "overrides", description = "Reviewer overrides: they win over automatic flags until revoked")
@RolesAllowed({Roles.VIEWER, Roles.SERVICE, Roles.ENGINEER, Roles.REVIEWER, Roles.ADMIN})
public class OverrideResource {

    /** Either record ids (with their type) or plant + optional parameter + local time range; the new flag; why. */
    public record OverrideRequest(String recordType, List<Long> recordIds, String plant, String parameter,
            LocalDateTime from, LocalDateTime to, @NotNull String flag, @NotBlank String reason) {

        /** The override asked for; a 400 naming the member at fault when it is not one. */
        NewOverride toOverride() {
            QartodFlag f = QartodFlag.parse(flag).orElseThrow(() -> Problem.badRequest("flag", "'" + flag
                    + "' is not a flag: " + QartodFlag.names()));
            RecordType type = recordType == null ? null : RecordType.parse(recordType).orElseThrow(() -> Problem
                    .badRequest("record_type", "one of lab, sensor, ops"));
            boolean byIds = recordIds != null && !recordIds.isEmpty();
            if (byIds && type == null) {
                throw Problem.badRequest("record_type", "required with record_ids (lab, sensor, ops)");
            }
            if (!byIds && (plant == null || from == null || to == null)) {
                throw Problem.badRequest("record_ids", "give record_ids, or plant with from and to");
            }
            if (!byIds && from.isAfter(to)) {
                throw Problem.badRequest("from", "must not be after 'to'");
            }
            return new NewOverride(type, byIds ? recordIds : null, plant, parameter, from, to, f, reason.strip());
        }
    }

    private final OverrideService overrides;

    public OverrideResource(OverrideService overrides) {
        this.overrides = overrides;
    }

    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Override the flag of records (by id, or by plant, parameter and local time range)")
    public Response create(@NotNull @Valid OverrideRequest r) {
        FlagOverride o = overrides.create(r.toOverride());
        return Response.created(URI.create("/api/v1/overrides/" + o.id())).entity(o).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One override")
    public FlagOverride get(@PathParam("id") long id) {
        return overrides.byId(id).orElseThrow(() -> notFound(id));
    }

    @GET
    @Operation(summary = "Overrides, newest first; active=true for those not revoked")
    public List<FlagOverride> list(@QueryParam("active") @DefaultValue("false") boolean active) {
        return overrides.list(active);
    }

    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke an override (kept in history with who and when)")
    public FlagOverride revoke(@PathParam("id") long id, @QueryParam("reason") String reason) {
        Revocation r = overrides.revoke(id, reason);
        if (r instanceof Revocation.Revoked revoked) {
            return revoked.override();
        }
        if (r instanceof Revocation.AlreadyRevoked already) {
            throw Problem.conflict("Already revoked", "override " + id + " was revoked at "
                    + already.override().revokedAt());
        }
        throw notFound(id);
    }

    private static Problem notFound(long id) {
        return Problem.notFound("No such override", "override " + id + " does not exist");
    }
}
