package org.carbonmrv.mrv.rest;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.carbonmrv.common.Sql;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/plants")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "plants")
public class PlantResource {

    private final Sql sql;

    public PlantResource(Sql sql) {
        this.sql = sql;
    }

    @GET
    @Operation(summary = "Plants with daily figures: first and last day, days, VALID days")
    public List<Map<String, Object>> plants() {
        return sql.rows("select plant, min(day) as first_day, max(day) as last_day, count(*) as days, "
                + "count(*) filter (where flag = 'VALID') as valid_days from mrv.v_removal_day group by plant "
                + "order by plant", List.of());
    }
}
