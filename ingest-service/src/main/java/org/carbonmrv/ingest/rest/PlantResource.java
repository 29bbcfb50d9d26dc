package org.carbonmrv.ingest.rest;

import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.carbonmrv.common.problem.Problem;
import org.carbonmrv.common.security.Roles;
import org.carbonmrv.ingest.plant.PlantDefinition;
import org.carbonmrv.ingest.plant.PlantService;
import org.carbonmrv.ingest.plant.PlantVersion;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The plant registry: a plant exists for ingestion once registered here; every change is a new version. */
@Path("/api/v1/plants")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "plants", description = "Plant registry: name, time zone, sampling points, flow meters, active period")
@RolesAllowed({Roles.VIEWER, Roles.SERVICE, Roles.ENGINEER, Roles.REVIEWER, Roles.ADMIN})
public class PlantResource {

    /** A plant's registry entry as the API gives it. */
    public record PlantView(String plant, int version, String displayName, String timeZone,
            PlantDefinition.SamplingPoints samplingPoints, List<PlantDefinition.FlowMeter> flowMeters,
            LocalDate activeFrom, LocalDate activeTo, String comment, String createdBy, OffsetDateTime createdAt) {

        static PlantView of(PlantVersion v) {
            PlantDefinition d = v.definition();
            return new PlantView(v.plant(), v.version(), d.displayName(), d.timeZone(), d.samplingPoints(), d.meters(),
                    d.activeFrom(), d.activeTo(), v.comment(), v.createdBy(), v.createdAt());
        }
    }

    /** A new version of a plant's entry, and why it changes. */
    public record PlantRequest(@NotBlank @Size(max = 200) String displayName, @NotBlank String timeZone,
            @NotNull @Valid PlantDefinition.SamplingPoints samplingPoints,
            @Valid List<PlantDefinition.FlowMeter> flowMeters, LocalDate activeFrom, LocalDate activeTo,
            @Size(max = 2000) String comment) {

        PlantDefinition definition() {
            return new PlantDefinition(displayName, timeZone, samplingPoints, flowMeters, activeFrom, activeTo);
        }
    }

    private final PlantService plants;

    public PlantResource(PlantService plants) {
        this.plants = plants;
    }

    @GET
    @Operation(summary = "The current entry of every registered plant")
    public List<PlantView> list() {
        return plants.current().stream().map(PlantView::of).toList();
    }

    @GET
    @Path("/{plant}")
    @Operation(summary = "A plant's current registry entry")
    public PlantView get(@PathParam("plant") @Pattern(regexp = UploadResource.NAME) String plant) {
        return plants.current(plant).map(PlantView::of).orElseThrow(() -> notFound(plant));
    }

    @GET
    @Path("/{plant}/versions")
    @Operation(summary = "Every version of a plant's entry, oldest first")
    public List<PlantView> versions(@PathParam("plant") @Pattern(regexp = UploadResource.NAME) String plant) {
        List<PlantView> v = plants.versions(plant).stream().map(PlantView::of).toList();
        if (v.isEmpty()) {
            throw notFound(plant);
        }
        return v;
    }

    @RolesAllowed({Roles.ENGINEER, Roles.ADMIN})
    @PUT
    @Path("/{plant}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a plant, or store a new version of its entry",
            description = "time_zone is an IANA zone (America/New_York): the plant's days and local timestamps are "
                    + "read in it. sampling_points name the lab's upstream and downstream points. A flow meter "
                    + "measuring effluent_flow_mgd gives mrv the flow's relative standard uncertainty.")
    public Response put(@PathParam("plant") @Pattern(regexp = UploadResource.NAME) String plant,
            @NotNull @Valid PlantRequest request) {
        PlantVersion saved = plants.save(plant, request.definition(), request.comment());
        return Response.created(URI.create("/api/v1/plants/" + plant)).entity(PlantView.of(saved)).build();
    }

    private static Problem notFound(String plant) {
        return Problem.notFound("No such plant", "plant '" + plant + "' is not registered");
    }
}
