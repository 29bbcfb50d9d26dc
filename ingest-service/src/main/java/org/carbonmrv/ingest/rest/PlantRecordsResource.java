package org.carbonmrv.ingest.rest;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
import jakarta.ws.rs.core.MediaType;

import org.carbonmrv.common.security.Roles;
import org.carbonmrv.ingest.records.LabReading;
import org.carbonmrv.ingest.records.OpsDay;
import org.carbonmrv.ingest.records.SensorReading;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.panache.common.Sort;

/** Normalized records of one plant, with their lineage. Dates are inclusive; timestamps are local plant time. */
@Path("/api/v1/plants/{plant}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "records", description = "Normalized operations, lab and sensor records with lineage")
@RolesAllowed({Roles.VIEWER, Roles.SERVICE, Roles.ENGINEER, Roles.REVIEWER, Roles.ADMIN})
public class PlantRecordsResource {

    @GET
    @Path("/operations")
    @Operation(summary = "Daily operations", description = "Current value of each day (the most recently "
            + "generated export wins; tie: the later upload), with its source and whether later exports revised "
            + "it; versions=true lists every version, current first")
    public Page<OpsDay> operations(@PathParam("plant") @Pattern(regexp = UploadResource.NAME) String plant,
            @QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to,
            @QueryParam("versions") @DefaultValue("false") boolean versions,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("500") @Min(1) @Max(5000) int size) {
        Filter f = new Filter(plant).range("day", from, to);
        if (!versions) {
            f.where.add("versionRank = 1");
        }
        return Page.of(OpsDay.find(f.query(), Sort.by("day").and("versionRank"), f.params), page, size);
    }

    @GET
    @Path("/lab-readings")
    @Operation(summary = "Lab readings by sample date", description = "Optional parameter filter (e.g. calcium)")
    public Page<LabReading> labReadings(@PathParam("plant") @Pattern(regexp = UploadResource.NAME) String plant,
            @QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to,
            @QueryParam("parameter") @Pattern(regexp = UploadResource.NAME) String parameter,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("500") @Min(1) @Max(5000) int size) {
        Filter f = new Filter(plant).range("sampleDate", from, to);
        if (parameter != null) {
            f.where.add("parameter = :parameter");
            f.params.put("parameter", parameter);
        }
        return Page.of(LabReading.find(f.query(), Sort.by("sampleDate").and("recordId"), f.params), page, size);
    }

    @GET
    @Path("/sensor-readings")
    @Operation(summary = "Sensor readings by time", description = "from/to are local timestamps "
            + "(yyyy-MM-ddTHH:mm:ss), to exclusive")
    public Page<SensorReading> sensorReadings(
            @PathParam("plant") @Pattern(regexp = UploadResource.NAME) String plant,
            @QueryParam("sensor") @Pattern(regexp = UploadResource.NAME) String sensor,
            @QueryParam("from") LocalDateTime from, @QueryParam("to") LocalDateTime to,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("1440") @Min(1) @Max(10000) int size) {
        Filter f = new Filter(plant);
        if (sensor != null) {
            f.where.add("sensorId = :sensor");
            f.params.put("sensor", sensor);
        }
        if (from != null) {
            f.where.add("ts >= :from");
            f.params.put("from", from);
        }
        if (to != null) {
            f.where.add("ts < :to");
            f.params.put("to", to);
        }
        return Page.of(SensorReading.find(f.query(), Sort.by("sensorId").and("ts").and("recordId"), f.params),
                page, size);
    }

    /** A conjunction of bound-parameter conditions, starting with the plant. */
    private static final class Filter {
        final List<String> where = new ArrayList<>();
        final Map<String, Object> params = new HashMap<>();

        Filter(String plant) {
            where.add("plant = :plant");
            params.put("plant", plant);
        }

        Filter range(String field, LocalDate from, LocalDate to) {
            if (from != null) {
                where.add(field + " >= :from");
                params.put("from", from);
            }
            if (to != null) {
                where.add(field + " <= :to");
                params.put("to", to);
            }
            return this;
        }

        String query() {
            return String.join(" and ", where);
        }
    }
}
