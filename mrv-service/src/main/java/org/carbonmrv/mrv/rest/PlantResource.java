package org.carbonmrv.mrv.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.carbonmrv.common.security.Roles;
import org.carbonmrv.mrv.cache.ResponseCache;
import org.carbonmrv.mrv.removal.RemovalQueryService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/plants")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "plants")
@RolesAllowed({Roles.VIEWER, Roles.SERVICE, Roles.ENGINEER, Roles.REVIEWER, Roles.ADMIN})
public class PlantResource {

    private final RemovalQueryService queries;
    private final ResponseCache cache;

    public PlantResource(RemovalQueryService queries, ResponseCache cache) {
        this.queries = queries;
        this.cache = cache;
    }

    @GET
    @Operation(summary = "Plants with daily figures: first and last day, days, VALID days")
    @APIResponse(responseCode = "200", description = "Plants", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "two plants", value = """
                    [{"plant":"PLANT_A","first_day":"2024-07-01","last_day":"2024-09-30","days":92,
                    "valid_days":74}]""")))
    public io.smallrye.mutiny.Uni<Response> plants(@Context HttpHeaders headers) {
        return cache.respond("plants", queries::plants, headers);
    }
}
