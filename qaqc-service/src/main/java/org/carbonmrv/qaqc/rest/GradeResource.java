package org.carbonmrv.qaqc.rest;

import java.time.LocalDate;
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

import org.carbonmrv.common.problem.Problem;
import org.carbonmrv.common.security.Roles;
import org.carbonmrv.common.vocabulary.QartodFlag;
import org.carbonmrv.common.vocabulary.RecordType;
import org.carbonmrv.qaqc.grades.GradeAnswers;
import org.carbonmrv.qaqc.grades.GradeListing;
import org.carbonmrv.qaqc.grades.GradeQuery;
import org.carbonmrv.qaqc.grades.GradeReadRepository;
import org.carbonmrv.qaqc.grades.GradeRecords;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "grades", description = "Current flags, summaries and each record's history")
@RolesAllowed({Roles.VIEWER, Roles.SERVICE, Roles.ENGINEER, Roles.REVIEWER, Roles.ADMIN})
public class GradeResource {

    static final String NAME = "[A-Za-z0-9][A-Za-z0-9_.-]{0,63}";

    private final GradeReadRepository grades;
    private final GradeListing listing;
    private final GradeAnswers answers;

    public GradeResource(GradeReadRepository grades, GradeListing listing, GradeAnswers answers) {
        this.grades = grades;
        this.listing = listing;
        this.answers = answers;
    }

    @GET
    @Path("/grades")
    @Operation(summary = "Current grade of each record (override applied)", description = "Filters: plant, "
            + "record_type, parameter (lab parameter, sensor id, ops quantity), from/to days (inclusive, the "
            + "plant's local calendar), flag. A plant's page asked again while none of its grades changed is answered "
            + "from memory")
    @APIResponse(responseCode = "200", description = "A page of current grades", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GradeRecords.Page.class)))
    public Response list(@QueryParam("plant") @Pattern(regexp = NAME) String plant,
            @QueryParam("record_type") RecordType type,
            @QueryParam("parameter") @Pattern(regexp = NAME) String parameter,
            @QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to,
            @QueryParam("flag") @Parameter(description = "GOOD, NOT_EVALUATED, SUSPECT, FAIL, MISSING or their "
                    + "codes 1, 2, 3, 4, 9") String flag,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("500") @Min(1) @Max(10000) int size, @Context HttpHeaders headers) {
        requireOrdered(from, to);
        GradeQuery q = new GradeQuery(plant, type, parameter, from, to, flag == null || flag.isBlank() ? null
                : QartodFlag.parse(flag).orElseThrow(() -> Problem.badRequest("flag", "'" + flag
                        + "' is not a flag: " + QartodFlag.names())));
        return answers.page(new GradeAnswers.PageRequest(q, page, size), () -> listing.page(q, page, size))
                .toResponse(headers);
    }

    @GET
    @Path("/grades/summary")
    @Operation(summary = "Per plant, record type, parameter and day: records per flag, and sensor completeness",
            description = "A plant's summary asked again while none of its grades changed is answered from memory")
    @APIResponse(responseCode = "200", description = "Records per flag and day", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY,
                    implementation = GradeRecords.DaySummary.class)))
    public Response summary(@QueryParam("plant") @Pattern(regexp = NAME) String plant,
            @QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to, @Context HttpHeaders headers) {
        requireOrdered(from, to);
        return answers.summary(new GradeAnswers.SummaryRequest(plant, from, to),
                () -> grades.summary(plant, from, to)).toResponse(headers);
    }

    @GET
    @Path("/records/{type}/{id}/history")
    @Operation(summary = "Every grade and override of one record, in order")
    public GradeRecords.History history(@PathParam("type") RecordType type, @PathParam("id") long id) {
        return grades.history(type, id).orElseThrow(() -> Problem.notFound("No grades", type + " record " + id
                + " has not been graded"));
    }

    @GET
    @Path("/jobs")
    @Operation(summary = "Grading jobs, newest first; status=PARKED shows those that kept failing, with the error")
    public List<GradeRecords.JobEntry> jobs(@QueryParam("status") @Pattern(regexp = "PENDING|DONE|PARKED",
            message = "PENDING, DONE or PARKED") String status,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size) {
        return grades.jobs(status, size);
    }

    private static void requireOrdered(LocalDate from, LocalDate to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw Problem.badRequest("from", "must not be after 'to'");
        }
    }
}
