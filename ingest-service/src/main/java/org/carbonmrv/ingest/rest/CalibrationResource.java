package org.carbonmrv.ingest.rest;

import java.net.URI;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.carbonmrv.common.problem.Problem;
import org.carbonmrv.common.security.Roles;
import org.carbonmrv.ingest.persistence.BlobStore;
import org.carbonmrv.ingest.plant.PlantService;
import org.carbonmrv.ingest.plant.PlantVersion;
import org.carbonmrv.ingest.sensor.Calibration;
import org.carbonmrv.ingest.sensor.CalibrationService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

@Path("/api/v1/sensors/{sensor}/calibrations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "calibrations", description = "Sensor calibrations with their certificates; qaqc flags readings taken "
        + "too long after the last one")
@RolesAllowed({Roles.VIEWER, Roles.SERVICE, Roles.ENGINEER, Roles.REVIEWER, Roles.ADMIN})
public class CalibrationResource {

    /** A calibration as JSON (without a certificate; send multipart/form-data to attach one). */
    public record CalibrationRequest(@NotBlank @Pattern(regexp = UploadResource.NAME) String plant,
            @NotBlank String calibratedAt, @NotBlank @Size(max = 200) String method,
            @Size(max = 200) String referenceMaterial, @Size(max = 100) String referenceLot, Double offset,
            Double slope, @Size(max = 2000) String comment) {
    }

    private final CalibrationService calibrations;
    private final PlantService plants;
    private final BlobStore blobs;

    public CalibrationResource(CalibrationService calibrations, PlantService plants, BlobStore blobs) {
        this.calibrations = calibrations;
        this.plants = plants;
        this.blobs = blobs;
    }

    @RolesAllowed({Roles.ENGINEER, Roles.ADMIN})
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a calibration of a sensor", description = "calibrated_at: a date-time with offset, "
            + "a local date-time of the plant, or a date (its start, local time)")
    public Response create(@PathParam("sensor") @Pattern(regexp = UploadResource.NAME) String sensor,
            @NotNull @Valid CalibrationRequest r) {
        return created(sensor, calibrations.record(calibration(sensor, r), Optional.empty()));
    }

    @RolesAllowed({Roles.ENGINEER, Roles.ADMIN})
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Record a calibration of a sensor, with its certificate file")
    public Response createWithCertificate(@PathParam("sensor") @Pattern(regexp = UploadResource.NAME) String sensor,
            @RestForm @NotBlank @Pattern(regexp = UploadResource.NAME) String plant,
            @RestForm("calibrated_at") @NotBlank String calibratedAt, @RestForm @NotBlank String method,
            @RestForm("reference_material") String referenceMaterial, @RestForm("reference_lot") String referenceLot,
            @RestForm String offset, @RestForm String slope, @RestForm String comment,
            @RestForm FileUpload certificate) {
        CalibrationRequest r = new CalibrationRequest(plant, calibratedAt, method, referenceMaterial, referenceLot,
                number("offset", offset), number("slope", slope), comment);
        Optional<CalibrationService.Certificate> cert = Optional.ofNullable(certificate)
                .map(f -> new CalibrationService.Certificate(f.uploadedFile(), UploadResource.safeName(f.fileName())));
        return created(sensor, calibrations.record(calibration(sensor, r), cert));
    }

    @GET
    @Operation(summary = "A sensor's calibrations, oldest first (of one plant with plant=)")
    public List<Calibration> list(@PathParam("sensor") @Pattern(regexp = UploadResource.NAME) String sensor,
            @QueryParam("plant") @Pattern(regexp = UploadResource.NAME) String plant) {
        return calibrations.of(sensor, plant);
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ENGINEER, Roles.REVIEWER, Roles.ADMIN})
    @Path("/{id}/certificate")
    @Produces({MediaType.APPLICATION_OCTET_STREAM, "application/problem+json"})
    @Operation(summary = "The certificate of a calibration, byte for byte")
    public Response certificate(@PathParam("sensor") @Pattern(regexp = UploadResource.NAME) String sensor,
            @PathParam("id") long id) {
        Calibration c = calibrations.byId(sensor, id).orElseThrow(() -> Problem.notFound("No such calibration",
                "sensor " + sensor + " has no calibration " + id));
        if (c.certificateSha256() == null) {
            return Problem.notFound("No certificate", "calibration " + id + " was recorded without a certificate")
                    .toResponse();
        }
        StreamingOutput body = out -> blobs.copyTo(c.certificateSha256(), out);
        return Response.ok(body, MediaType.APPLICATION_OCTET_STREAM).header("X-Content-SHA256", c.certificateSha256())
                .header("Content-Disposition", "attachment; filename=\"certificate-" + id + "\"").build();
    }

    private Response created(String sensor, Calibration c) {
        return Response.created(URI.create("/api/v1/sensors/" + sensor + "/calibrations/" + c.id())).entity(c)
                .build();
    }

    private Calibration calibration(String sensor, CalibrationRequest r) {
        ZoneId zone = plants.current(r.plant()).map(PlantVersion::zone).orElse(ZoneId.of("UTC"));
        return new Calibration(0, r.plant(), sensor, at(r.calibratedAt(), zone), r.method().strip(),
                r.referenceMaterial(), r.referenceLot(), r.offset(), r.slope(), null, null, r.comment(), null, null);
    }

    /** A date-time with offset, a local date-time of the plant, or a date (its local start). */
    static OffsetDateTime at(String text, ZoneId zone) {
        String s = text.strip();
        try {
            return OffsetDateTime.parse(s);
        } catch (DateTimeParseException e) {
            // local forms
        }
        try {
            return ZonedDateTime.ofLocal(LocalDateTime.parse(s), zone, null).toOffsetDateTime();
        } catch (DateTimeParseException e) {
            // a date
        }
        try {
            return LocalDate.parse(s).atStartOfDay(zone).toOffsetDateTime();
        } catch (DateTimeParseException e) {
            throw Problem.badRequest("calibrated_at", "'" + s + "' is not a date-time (2024-07-01T09:30:00-04:00, "
                    + "2024-07-01T09:30:00 in the plant's zone, or 2024-07-01)");
        }
    }

    private static Double number(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Double.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw Problem.badRequest(field, "'" + text + "' is not a number");
        }
    }
}
