package org.carbonmrv.ingest.rest;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.carbonmrv.common.security.Roles;
import org.carbonmrv.ingest.layout.LayoutDefinition;
import org.carbonmrv.ingest.layout.LayoutProfile;
import org.carbonmrv.ingest.layout.LayoutService;
import org.carbonmrv.ingest.layout.LayoutValidator;
import org.carbonmrv.common.vocabulary.RecordType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import org.carbonmrv.common.problem.Problem;

@Path("/api/v1/layouts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "layouts", description = "Layout profiles: how each family of exports is read, as data")
@RolesAllowed({Roles.VIEWER, Roles.SERVICE, Roles.ENGINEER, Roles.REVIEWER, Roles.ADMIN})
public class LayoutResource {

    /** Body of a new profile version. */
    public record LayoutRequest(@NotNull @Pattern(regexp = "lab|sensor|ops") String recordType,
            @NotNull @Pattern(regexp = "csv|workbook") String format, @NotNull @Valid LayoutDefinition definition) {
    }

    private final LayoutService layouts;

    public LayoutResource(LayoutService layouts) {
        this.layouts = layouts;
    }

    @GET
    @Operation(summary = "The current version of every layout profile")
    public List<LayoutProfile> list() {
        return layouts.current();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Every version of one layout profile, oldest first")
    public List<LayoutProfile> versions(@PathParam("id") String id) {
        List<LayoutProfile> versions = layouts.versions(id);
        if (versions.isEmpty()) {
            throw Problem.status(Response.Status.NOT_FOUND).title("No such layout")
                    .detail("layout '" + id + "' does not exist").build();
        }
        return versions;
    }

    @RolesAllowed({Roles.ENGINEER, Roles.ADMIN})
    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a new version of a layout profile (a new id creates version 1)")
    public Response put(@PathParam("id") @Pattern(regexp = UploadResource.NAME) String id,
            @NotNull @Valid LayoutRequest request) {
        List<Map<String, Object>> problems = LayoutValidator.problems(RecordType.of(request.recordType()),
                "workbook".equals(request.format()), request.definition());
        if (!problems.isEmpty()) {
            throw Problem.badRequest("Invalid layout", problems);
        }
        LayoutProfile saved = layouts.save(id, request.recordType(), request.format(), request.definition());
        return Response.created(URI.create("/api/v1/layouts/" + id)).entity(saved).build();
    }
}
