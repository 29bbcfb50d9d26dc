package org.carbonmrv.mrv.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.carbonmrv.common.security.Roles;
import org.carbonmrv.mrv.queue.EventQueue;
import org.carbonmrv.mrv.queue.QueueEntry;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "events", description = "The recompute queue fed by qaqc's grade events")
@RolesAllowed({Roles.VIEWER, Roles.SERVICE, Roles.ENGINEER, Roles.REVIEWER, Roles.ADMIN})
public class EventResource {

    private static final int MAX_ENTRIES = 1000;

    private final EventQueue queue;

    public EventResource(EventQueue queue) {
        this.queue = queue;
    }

    @GET
    @Operation(summary = "Queue entries, newest first (at most 1000); status PARKED shows failures with their error")
    public List<QueueEntry> list(@QueryParam("status") QueueEntry.Status status) {
        return queue.entries(status, MAX_ENTRIES);
    }
}
