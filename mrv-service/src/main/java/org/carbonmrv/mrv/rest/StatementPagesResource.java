package org.carbonmrv.mrv.rest;

import java.time.LocalDate;
import java.util.List;
import java.util.TreeSet;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.carbonmrv.common.problem.Problem;
import org.carbonmrv.common.security.Roles;
import org.carbonmrv.mrv.dashboard.DashboardService;
import org.carbonmrv.mrv.removal.query.PlantSummary;
import org.carbonmrv.mrv.statement.Issuance;
import org.carbonmrv.mrv.statement.Statement;
import org.carbonmrv.mrv.statement.StatementDocument;
import org.carbonmrv.mrv.statement.StatementService;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The dashboard's statements: a plant's statements (every version) with their report, PDF and evidence package;
 * issuing one for a period (reviewers, confirmed); comparing two. Issuing goes through the same service as the API.
 */
@Path("/dashboard/statements")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.VIEWER, Roles.ENGINEER, Roles.REVIEWER, Roles.ADMIN})
public class StatementPagesResource {

    @CheckedTemplate(basePath = "dashboard", defaultName = CheckedTemplate.HYPHENATED_ELEMENT_NAME)
    static class Templates {
        static native TemplateInstance statements(String root, String plant, List<PlantSummary> plants,
                List<Statement> statements, boolean canReview, DashboardResource.Flash flash, LocalDate from,
                LocalDate to, DashboardResource.Viewer user);

        static native TemplateInstance statementsList(String root, String plant, List<Statement> statements,
                DashboardResource.Flash flash);

        static native TemplateInstance statementCompare(StatementDocument.Changes c, Statement a, Statement b);
    }

    private final StatementService statements;
    private final DashboardService dashboard;
    private final SecurityIdentity identity;
    private final String root;

    public StatementPagesResource(StatementService statements, DashboardService dashboard, SecurityIdentity identity,
            @ConfigProperty(name = "quarkus.http.root-path") String rootPath) {
        this.statements = statements;
        this.dashboard = dashboard;
        this.identity = identity;
        this.root = SignInResource.withoutTrailingSlash(rootPath);
    }

    @GET
    @Operation(hidden = true)
    public Response page(@QueryParam("plant") String plant, @QueryParam("from") LocalDate from,
            @QueryParam("to") LocalDate to) {
        List<PlantSummary> plants = dashboard.plants();
        String p = plant == null || plant.isBlank() ? (plants.isEmpty() ? "" : plants.get(0).plant()) : plant.strip();
        DashboardService.DayRange range = dashboard.defaultRange(plants, p);
        return html(Templates.statements(root, p, plants, statements.list(p), canReview(), null,
                from == null ? range.from() : from, to == null ? range.to() : to, viewer()));
    }

    @POST
    @Path("/issue")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
    @Operation(hidden = true)
    public Response issue(@FormParam("plant") String plant, @FormParam("from") LocalDate from,
            @FormParam("to") LocalDate to, @FormParam("comment") String comment) {
        DashboardResource.Flash flash;
        if (plant == null || plant.isBlank() || from == null || to == null) {
            flash = DashboardResource.Flash.error("A statement covers one plant and a period (from, to).");
        } else {
            flash = issued(plant.strip(), from, to, comment);
        }
        return html(Templates.statementsList(root, plant, statements.list(plant), flash));
    }

    private DashboardResource.Flash issued(String plant, LocalDate from, LocalDate to, String comment) {
        try {
            RemovalFilter.requireOrdered(from, to);
            Issuance i = statements.issue(plant, from, to, comment);
            if (i instanceof Issuance.Issued s) {
                return DashboardResource.Flash.ok("Issued statement #" + s.statement().id() + ", version "
                        + s.statement().version() + ": credited " + String.format(java.util.Locale.ROOT, "%,.3f",
                                s.statement().conservativeCo2T()) + " t CO₂.");
            }
            if (i instanceof Issuance.Unchanged u) {
                return DashboardResource.Flash.ok("Nothing changed since statement #" + u.statement().id()
                        + " (version " + u.statement().version() + "): it is the statement of this period.");
            }
            Issuance.Refused r = (Issuance.Refused) i;
            return DashboardResource.Flash.error("Not every day is approved: " + r.unreviewed().size()
                    + " unreviewed, " + r.rejected().size() + " rejected, " + r.changedAfterApproval().size()
                    + " changed after approval, " + r.withoutFigure().size() + " without a figure" + first(r) + ".");
        } catch (Problem e) {
            return DashboardResource.Flash.error(e.detail());
        }
    }

    private static String first(Issuance.Refused r) {
        TreeSet<LocalDate> all = new TreeSet<>(r.unreviewed());
        all.addAll(r.rejected());
        all.addAll(r.changedAfterApproval());
        all.addAll(r.withoutFigure());
        return all.isEmpty() ? "" : " (first: " + all.first() + ")";
    }

    @GET
    @Path("/compare")
    @Operation(hidden = true)
    public Response compare(@QueryParam("a") Long a, @QueryParam("b") Long b) {
        if (a == null || b == null) {
            return Response.status(400).type(MediaType.TEXT_PLAIN).entity("Choose two statements to compare.").build();
        }
        return statements.compare(a, b).map(c -> html(Templates.statementCompare(c, statements.byId(a).orElseThrow(),
                statements.byId(b).orElseThrow()))).orElseGet(() -> Response.status(404).type(MediaType.TEXT_PLAIN)
                        .entity("No such statement.").build());
    }

    private static Response html(TemplateInstance t) {
        return HtmlPage.of(t).build();
    }

    private boolean canReview() {
        return identity.hasRole(Roles.REVIEWER) || identity.hasRole(Roles.ADMIN);
    }

    private DashboardResource.Viewer viewer() {
        String name = identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null
                ? jwt.getSubject() : identity.getPrincipal().getName();
        return new DashboardResource.Viewer(name, String.join(", ", new TreeSet<>(identity.getRoles())));
    }
}
