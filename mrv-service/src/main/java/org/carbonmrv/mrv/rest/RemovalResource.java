package org.carbonmrv.mrv.rest;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
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

import org.carbonmrv.common.security.Roles;
import org.carbonmrv.mrv.cache.ResponseCache;
import org.carbonmrv.mrv.config.MrvConfig;
import org.carbonmrv.mrv.export.ExportService;
import org.carbonmrv.mrv.removal.RecomputeService;
import org.carbonmrv.mrv.removal.Methodology;
import org.carbonmrv.mrv.removal.RemovalQueryService;
import org.carbonmrv.mrv.removal.query.DayDetail;
import org.carbonmrv.mrv.removal.query.DayQuery;
import org.carbonmrv.mrv.removal.query.DayRow;
import org.carbonmrv.mrv.removal.query.Period;
import org.carbonmrv.mrv.removal.query.PeriodSummary;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import org.carbonmrv.common.problem.Problem;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/removals")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "removals", description = "Daily CO2 removals per plant: figures, uncertainty, lineage, versions")
@RolesAllowed({Roles.VIEWER, Roles.SERVICE, Roles.ENGINEER, Roles.REVIEWER, Roles.ADMIN})
public class RemovalResource {

    /** A page of days, by plant and date (serialized by the response cache: registered for native images). */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record Page(List<DayRow> items, long total, int page, int size) {
    }

    /** The current methodology: its stored id and its definition. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record MethodologyView(int id, Map<String, Object> definition) {
    }

    private final RemovalQueryService queries;
    private final ExportService exports;
    private final RecomputeService recompute;
    private final MrvConfig config;
    private final ResponseCache cache;

    public RemovalResource(RemovalQueryService queries, ExportService exports, RecomputeService recompute,
            MrvConfig config, ResponseCache cache) {
        this.cache = cache;
        this.queries = queries;
        this.exports = exports;
        this.recompute = recompute;
        this.config = config;
    }

    @GET
    @Operation(summary = "Daily figures (current versions), by plant and date",
            description = "co2_t is tonnes of CO2 per day; u_co2_t its standard uncertainty; conservative_co2_t = "
                    + "co2_t - k*u_co2_t. Only VALID days are creditable.")
    @APIResponse(responseCode = "200", description = "A page of days", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Page.class), examples = @ExampleObject(name = "one day", value = """
                    {"items":[{"plant":"PLANT_A","day":"2024-07-02","flag":"VALID","flow_mgd":30.7,
                    "ca_upstream_mg_per_l":41.6648365,"ca_downstream_mg_per_l":52.513867,"co2_t":1.38446705,
                    "u_co2_t":0.08,"conservative_co2_t":1.25,"needs_review":true,"approval_state":"UNREVIEWED",
                    "version":1}],"total":1,"page":0,"size":100}""")))
    public Uni<Response> list(@BeanParam RemovalFilter filter,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(5000) int size, @Context HttpHeaders headers) {
        DayQuery q = filter.toQuery();
        return cache.respond("list " + q + " " + page + "," + size, () -> new Page(queries.days(q, page * size,
                size), queries.count(q), page, size), headers);
    }

    @GET
    @Path("/summary")
    @Operation(summary = "Totals per plant and period: days per flag and approval state, VALID total, its "
            + "uncertainty and the conservative total",
            description = "Uncertainty of a total: calcium terms independent between days, flow-meter terms fully "
                    + "correlated (u = sqrt(sum u_ca^2 + (sum u_flow)^2)); conservative = total - k*u.")
    @APIResponse(responseCode = "200", description = "Totals per plant and period", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "a quarter", value = """
                    [{"plant":"PLANT_A","period":"all","first_day":"2024-07-01","last_day":"2024-09-30","days":92,
                    "days_by_flag":{"INVALID":3,"INVALID_FLOW":0,"MISSING_CA_READINGS":15,"NO_OPS_DATA":0,
                    "VALID":74},"days_by_approval_state":{"UNREVIEWED":92},"needs_review_days":40,
                    "valid_co2_t":62.1,"u_valid_co2_t":3.2,"conservative_valid_co2_t":56.8,
                    "coverage_factor":1.645}]""")))
    public Uni<Response> summary(@BeanParam RemovalFilter filter,
            @Parameter(description = "all (default), year or month") @QueryParam("period") @DefaultValue("all")
            Period period, @Context HttpHeaders headers) {
        DayQuery q = filter.toQuery();
        return cache.respond("summary " + q + " " + period, () -> RemovalQueryService.totals(queries.days(q),
                period, config.uncertainty().coverageFactor()), headers);
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ENGINEER, Roles.REVIEWER, Roles.ADMIN})
    @Path("/export")
    @Produces({"text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            MediaType.APPLICATION_JSON})
    @Operation(summary = "The filtered days as CSV or XLSX (sheets: days, totals, methodology)",
            description = "Text cells that begin with = + - @ are escaped against formula injection.")
    public Response export(@BeanParam RemovalFilter filter,
            @QueryParam("format") @DefaultValue("csv") @Pattern(regexp = "csv|xlsx", message = "csv or xlsx")
            String format) {
        DayQuery q = filter.toQuery();
        List<DayRow> days = queries.days(q);
        String name = "removals" + (q.plant() == null ? "" : "-" + q.plant().replaceAll("[^A-Za-z0-9_-]", "_"));
        if ("xlsx".equals(format)) {
            List<PeriodSummary> totals = RemovalQueryService.totals(days, Period.ALL,
                    config.uncertainty().coverageFactor());
            Map<String, Object> methodology = Methodology.definition(config);
            return Response.ok(exports.xlsx(days, totals, methodology),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                    .header("Content-Disposition", "attachment; filename=\"" + name + ".xlsx\"").build();
        }
        return Response.ok(exports.csv(days), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"").build();
    }

    @GET
    @Path("/{plant}/{date}")
    @Operation(summary = "One day: the figure, its inputs (records, uploads, files, sheets, rows, qaqc flags), "
            + "qaqc configuration and methodology versions, trigger, approval and every version")
    public DayDetail day(@PathParam("plant") String plant,
            @Parameter(example = "2024-07-02") @PathParam("date") LocalDate date,
            @Parameter(description = "A specific version (default: the current one)") @QueryParam("version")
            @Min(1) Integer version) {
        return queries.day(plant, date, version).orElseThrow(() -> Problem.notFound("No such figure",
                "no daily figure for " + plant + " on " + date + (version == null ? "" : " in version " + version)));
    }

    /** The methodology a figure was computed with (current when none stored yet). */
    @GET
    @Path("/methodology")
    @Operation(summary = "The current methodology: constants, rules and uncertainty settings")
    public MethodologyView methodology() {
        return new MethodologyView(recompute.methodology().id, Methodology.definition(config));
    }
}
