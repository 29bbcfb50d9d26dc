package org.carbonmrv.mrv.rest;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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
import org.carbonmrv.mrv.statement.Issuance;
import org.carbonmrv.mrv.statement.Statement;
import org.carbonmrv.mrv.statement.StatementDocument;
import org.carbonmrv.mrv.statement.StatementReport;
import org.carbonmrv.mrv.statement.StatementService;
import org.carbonmrv.mrv.statement.evidence.EvidencePackage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.annotations.RegisterForReflection;

@Path("/api/v1/statements")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "statements", description = "Reporting-period statements: issued once every day is approved, versioned, "
        + "with a report and an evidence package a verifier rechecks without this system")
@RolesAllowed({Roles.VIEWER, Roles.SERVICE, Roles.ENGINEER, Roles.REVIEWER, Roles.ADMIN})
public class StatementResource {

    /** The longest period one statement covers (ten years). */
    private static final int MAX_DAYS = 3660;

    /** A plant's reporting period and why it is issued. */
    public record StatementRequest(@NotBlank String plant, @NotNull LocalDate from, @NotNull LocalDate to,
            @Size(max = 2000) String comment) {
    }

    /** A statement with its document as issued. */
    @RegisterForReflection
    public record StatementView(@JsonUnwrapped Statement statement, JsonNode document) {
    }

    private final StatementService statements;
    private final StatementReport report;
    private final EvidencePackage evidence;
    private final ObjectMapper json;

    public StatementResource(StatementService statements, StatementReport report, EvidencePackage evidence,
            ObjectMapper json) {
        this.statements = statements;
        this.report = report;
        this.evidence = evidence;
        this.json = json;
    }

    @POST
    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Issue the statement of a plant's period: 201 with version 1, or version n+1 when anything "
            + "changed since version n; 200 with the latest version when nothing did; 409 naming the days without "
            + "a figure or not approved")
    public Response issue(@NotNull @Valid StatementRequest r) {
        RemovalFilter.requireOrdered(r.from(), r.to());
        if (r.from().plusDays(MAX_DAYS).isBefore(r.to())) {
            throw Problem.badRequest("to", "a period of at most " + MAX_DAYS + " days");
        }
        Issuance i = statements.issue(r.plant().strip(), r.from(), r.to(), r.comment());
        if (i instanceof Issuance.Refused refused) {
            throw refusal(r, refused);
        }
        if (i instanceof Issuance.Unchanged u) {
            return Response.ok(view(u.statement())).header("Location", "/api/v1/statements/" + u.statement().id())
                    .build();
        }
        Statement s = ((Issuance.Issued) i).statement();
        return Response.created(URI.create("/api/v1/statements/" + s.id())).entity(view(s)).build();
    }

    private static Problem refusal(StatementRequest r, Issuance.Refused x) {
        int n = x.withoutFigure().size() + x.unreviewed().size() + x.rejected().size()
                + x.changedAfterApproval().size();
        return Problem.status(409).title("Period not approved").detail(n + " day(s) of " + r.plant() + " from "
                + r.from() + " to " + r.to() + " have no figure or are not approved; every day must be APPROVED")
                .with("days_without_figure", x.withoutFigure()).with("days_unreviewed", x.unreviewed())
                .with("days_rejected", x.rejected()).with("days_changed_after_approval", x.changedAfterApproval())
                .build();
    }

    @GET
    @Operation(summary = "Statements, newest first (every version), of one plant or all")
    public List<Statement> list(@QueryParam("plant") String plant) {
        return statements.list(plant == null || plant.isBlank() ? null : plant.strip());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One statement with its document as issued")
    public StatementView get(@PathParam("id") long id) {
        return view(find(id));
    }

    @GET
    @Path("/{id}/report")
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed({Roles.VIEWER, Roles.ENGINEER, Roles.REVIEWER, Roles.ADMIN})
    @Operation(summary = "The statement for people: an HTML page that prints well")
    public Response reportHtml(@PathParam("id") long id) {
        Statement s = find(id);
        return Response.ok(report.html(s, document(s)), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
    }

    @GET
    @Path("/{id}/report.pdf")
    @Produces("application/pdf")
    @RolesAllowed({Roles.VIEWER, Roles.ENGINEER, Roles.REVIEWER, Roles.ADMIN})
    @Operation(summary = "The same report as PDF")
    public Response reportPdf(@PathParam("id") long id) {
        Statement s = find(id);
        return Response.ok(report.pdf(s, document(s)), "application/pdf").header("Content-Disposition",
                "attachment; filename=\"" + fileName(s) + ".pdf\"").build();
    }

    @GET
    @Path("/{id}/evidence.zip")
    @Produces("application/zip")
    @RolesAllowed({Roles.VIEWER, Roles.ENGINEER, Roles.REVIEWER, Roles.ADMIN})
    @Operation(summary = "The evidence package: original files, manifest, figures, inputs, methodology, approvals, "
            + "a workbook of live formulas and a README; the same bytes every time (its SHA-256 is on the "
            + "statement)")
    public Response evidence(@PathParam("id") long id) {
        Statement s = find(id);
        EvidencePackage.Contents c = statements.evidence(id).orElseThrow();
        StreamingOutput body = out -> evidence.write(c, out);
        return Response.ok(body, "application/zip").header("Content-Disposition", "attachment; filename=\""
                + fileName(s) + "-evidence.zip\"").header("X-Evidence-SHA256", s.evidenceSha256()).build();
    }

    @GET
    @Path("/{id}/compare/{other}")
    @Operation(summary = "What differs from statement {id} to statement {other}: days whose figure version differs, "
            + "and the totals of both")
    public StatementDocument.Changes compare(@PathParam("id") long id, @PathParam("other") long other) {
        return statements.compare(id, other).orElseThrow(() -> Problem.notFound("No such statement", "statement "
                + id + " or " + other + " does not exist"));
    }

    private Statement find(long id) {
        return statements.byId(id).orElseThrow(() -> Problem.notFound("No such statement", "statement " + id
                + " does not exist"));
    }

    private StatementView view(Statement s) {
        try {
            return new StatementView(s, json.readTree(statements.document(s.id()).orElseThrow()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private StatementDocument document(Statement s) {
        try {
            return json.readValue(statements.document(s.id()).orElseThrow(), StatementDocument.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fileName(Statement s) {
        return ("statement-" + s.plant() + "-" + s.fromDay() + "-" + s.toDay() + "-v" + s.version())
                .replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
