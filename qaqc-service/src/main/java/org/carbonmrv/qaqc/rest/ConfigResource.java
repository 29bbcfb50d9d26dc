package org.carbonmrv.qaqc.rest;

import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.carbonmrv.common.problem.Problem;
import org.carbonmrv.common.security.Roles;
import org.carbonmrv.qaqc.grading.ConfigService;
import org.carbonmrv.qaqc.grading.ConfigStore;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/config")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "config", description = "Versioned grading thresholds")
@RolesAllowed({Roles.VIEWER, Roles.SERVICE, Roles.ENGINEER, Roles.REVIEWER, Roles.ADMIN})
public class ConfigResource {

    /** A new configuration: the whole threshold set, and why it changes. */
    public record ConfigRequest(@NotNull Map<String, Object> config, String comment) {
    }

    private final ConfigService configs;

    public ConfigResource(ConfigService configs) {
        this.configs = configs;
    }

    @GET
    @Operation(summary = "The current configuration version")
    public ConfigStore.Version current() {
        return configs.current();
    }

    @RolesAllowed({Roles.ENGINEER, Roles.ADMIN})
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Store a new configuration version and re-grade every accepted upload with it",
            description = "A bad threshold set is a 400 naming each field at fault. Earlier grades stay in history "
                    + "with their version.")
    public Response put(@NotNull ConfigRequest request) {
        ConfigService.Change change = configs.propose(request.config(), request.comment());
        if (change instanceof ConfigService.Change.Refused refused) {
            throw Problem.badRequest("Invalid configuration", refused.problems().stream().map(p -> Problem.violation(
                    p[0], p[1])).toList());
        }
        ConfigStore.Version v = ((ConfigService.Change.Stored) change).version();
        return Response.status(Response.Status.CREATED).entity(v).header("X-Config-Version", v.version()).build();
    }
}
