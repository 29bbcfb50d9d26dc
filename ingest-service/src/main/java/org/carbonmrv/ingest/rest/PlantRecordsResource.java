package org.carbonmrv.ingest.rest;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.carbonmrv.common.http.KeptAnswer;
import org.carbonmrv.common.security.Roles;
import org.carbonmrv.ingest.persistence.Page;
import org.carbonmrv.ingest.plant.PlantService;
import org.carbonmrv.ingest.plant.PlantVersion;
import org.carbonmrv.ingest.records.LabReading;
import org.carbonmrv.ingest.records.OpsDay;
import org.carbonmrv.ingest.records.ReadingAnswers;
import org.carbonmrv.ingest.records.RecordRepository;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Normalized records of one plant, with their lineage. Dates are inclusive; timestamps are the plant's local time. */
@Path("/api/v1/plants")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "records", description = "Normalized operations, lab and sensor records with lineage")
@RolesAllowed({Roles.VIEWER, Roles.SERVICE, Roles.ENGINEER, Roles.REVIEWER, Roles.ADMIN})
public class PlantRecordsResource {

    /** A sensor reading with its instant in the plant's offset (2024-11-03T01:30:00-05:00). */
    public record SensorReadingView(long recordId, long uploadId, int rowNum, String plant, String sensorId,
            String point, OffsetDateTime ts, Double value, String rawValue, String unit) {
    }

    /** A page of readings as {@link SensorReadingsJson} writes it. */
    public record SensorReadingPage(List<SensorReadingView> items, int page, int size, long total) {
    }

    private final RecordRepository records;
    private final PlantService plants;
    private final ReadingAnswers answers;
    private final ObjectMapper json;

    public PlantRecordsResource(RecordRepository records, PlantService plants, ReadingAnswers answers,
            ObjectMapper json) {
        this.records = records;
        this.plants = plants;
        this.answers = answers;
        this.json = json;
    }

    @GET
    @Path("/{plant}/operations")
    @Operation(summary = "Daily operations", description = "Current value of each day (the most recently "
            + "generated export wins; tie: the later upload), with its source, its values as the export states "
            + "them, and whether later exports revised it; versions=true lists every version, current first")
    public Page<OpsDay> operations(@PathParam("plant") @Pattern(regexp = UploadResource.NAME) String plant,
            @QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to,
            @QueryParam("versions") @DefaultValue("false") boolean versions,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("500") @Min(1) @Max(5000) int size) {
        return records.operations(new RecordRepository.OpsQuery(plant, from, to, versions, page, size));
    }

    @GET
    @Path("/{plant}/lab-readings")
    @Operation(summary = "Lab readings by sample date", description = "Optional parameter filter (e.g. calcium); "
            + "values in the parameter's canonical unit (mg/L for calcium) with the original value and unit")
    public Page<LabReading> labReadings(@PathParam("plant") @Pattern(regexp = UploadResource.NAME) String plant,
            @QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to,
            @QueryParam("parameter") @Pattern(regexp = UploadResource.NAME) String parameter,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("500") @Min(1) @Max(5000) int size) {
        return records.labReadings(new RecordRepository.LabQuery(plant, from, to, parameter, page, size));
    }

    @GET
    @Path("/{plant}/sensor-readings")
    @Operation(summary = "Sensor readings by time", description = "from/to are local times of the plant "
            + "(yyyy-MM-ddTHH:mm:ss; in a repeated fall-back hour, its first pass), to exclusive; each reading's ts "
            + "carries the plant's offset at that instant; a page asked again while nothing of the plant changed is "
            + "answered from memory")
    @APIResponse(responseCode = "200", description = "A page of readings", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SensorReadingPage.class)))
    public Response sensorReadings(
            @PathParam("plant") @Pattern(regexp = UploadResource.NAME) String plant,
            @QueryParam("sensor") @Pattern(regexp = UploadResource.NAME) String sensor,
            @QueryParam("from") LocalDateTime from, @QueryParam("to") LocalDateTime to,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("1440") @Min(1) @Max(10000) int size, @Context HttpHeaders headers) {
        ReadingAnswers.PageRequest request = new ReadingAnswers.PageRequest(plant, sensor, from, to, page, size);
        return answers.answer(request, () -> readings(request)).toResponse(headers);
    }

    private KeptAnswer readings(ReadingAnswers.PageRequest r) {
        ZoneId zone = plants.current(r.plant()).map(PlantVersion::zone).orElse(ZoneId.of("UTC"));
        RecordRepository.SensorQuery q = new RecordRepository.SensorQuery(r.plant(), r.sensor(), at(r.from(), zone),
                at(r.to(), zone), r.page(), r.size());
        return new KeptAnswer(SensorReadingsJson.page(json, zone, r.page(), r.size(),
                each -> records.sensorReadings(q, each)), MediaType.APPLICATION_JSON_TYPE);
    }

    private static OffsetDateTime at(LocalDateTime local, ZoneId zone) {
        return local == null ? null : ZonedDateTime.ofLocal(local, zone, null).toOffsetDateTime();
    }
}
