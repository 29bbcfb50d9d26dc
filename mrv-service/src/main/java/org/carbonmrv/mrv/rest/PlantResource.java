package org.carbonmrv.mrv.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.carbonmrv.common.security.Roles;
import org.carbonmrv.common.Sql;
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

    private final Sql sql;
    private final ResponseCache cache;

    public PlantResource(Sql sql, ResponseCache cache) {
        this.sql = sql;
        this.cache = cache;
    }

    @GET
    @Operation(summary = "Plants with daily figures: first and last day, days, VALID days")
    @APIResponse(responseCode = "200", description = "Plants", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "two plants", value = """
                    [{"plant":"PLANT_A","first_day":"2024-07-01","last_day":"2024-09-30","days":92,
                    "valid_days":74}]""")))
    public Response plants(@Context HttpHeaders headers) {
        return cache.get("plants", () -> sql.rows("select plant, min(day) as first_day, max(day) as last_day, count(*) as days, "
                + "count(*) filter (where flag = 'VALID') as valid_days from mrv.v_removal_day group by plant "
                + "order by plant", List.of())).toResponse(headers);
    }
}
