package org.carbonmrv.mrv.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.carbonmrv.common.security.Roles;
import org.carbonmrv.common.Sql;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "events", description = "The recompute queue fed by qaqc's grade events")
@RolesAllowed({Roles.VIEWER, Roles.SERVICE, Roles.ENGINEER, Roles.REVIEWER, Roles.ADMIN})
public class EventResource {

    private final Sql sql;

    public EventResource(Sql sql) {
        this.sql = sql;
    }

    @GET
    @Operation(summary = "Queue entries, newest first (at most 1000); status PARKED shows failures with their error")
    public List<Map<String, Object>> list(@QueryParam("status") @Pattern(regexp = "PENDING|DONE|PARKED",
            message = "PENDING, DONE or PARKED") String status) {
        List<Object> params = new ArrayList<>();
        String where = "";
        if (status != null) {
            where = " where status = ?";
            params.add(status);
        }
        return sql.rows("select * from mrv.event" + where + " order by id desc limit 1000", params);
    }
}
