package org.carbonmrv.mrv.rest;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.carbonmrv.common.http.KeptAnswer;
import org.carbonmrv.common.problem.Problem;
import org.carbonmrv.common.security.Roles;
import org.carbonmrv.common.vocabulary.ApprovalState;
import org.carbonmrv.mrv.approval.ApprovalService;
import org.carbonmrv.mrv.config.MrvConfig;
import org.carbonmrv.mrv.dashboard.DashboardService;
import org.carbonmrv.mrv.dashboard.DaysTableHtml;
import org.carbonmrv.mrv.removal.RemovalFlag;
import org.carbonmrv.mrv.removal.RemovalQueryService;
import org.carbonmrv.mrv.removal.query.DayDetail;
import org.carbonmrv.mrv.removal.query.DayQuery;
import org.carbonmrv.mrv.removal.query.DayRow;
import org.carbonmrv.mrv.removal.query.PlantSummary;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The dashboard's pages: server-rendered (type-checked Qute templates) parts that htmx swaps. The page reads the
 * same stored figures as the API; approvals go through the same service as the API's; reviewer overrides are
 * posted by the browser to the qaqc-service, which owns them. Signing in is {@link SignInResource}'s; the pages'
 * headers are {@link HtmlHeaders}'. Not part of the OpenAPI document (HTML, not API).
 */
@Path("/dashboard")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.VIEWER, Roles.ENGINEER, Roles.REVIEWER, Roles.ADMIN})
public class DashboardResource {

    /** A message above the view: {@code ok} or {@code error}. */
    public record Flash(String text, String kind) {
        static Flash ok(String text) {
            return new Flash(text, "ok");
        }

        static Flash error(String text) {
            return new Flash(text, "error");
        }
    }

    /** A filter checkbox. */
    public record Option(String value, boolean checked) {
    }

    /** Who is signed in, as the page's header shows it. */
    public record Viewer(String name, String roles) {
    }

    @CheckedTemplate(basePath = "dashboard")
    static class Templates {
        static native TemplateInstance page(String root, DashboardService.View v, String filterQuery,
                boolean canReview, Flash flash, int maxDays, double k, List<PlantSummary> plants,
                List<Option> flagOptions, List<Option> stateOptions, Viewer user);

        static native TemplateInstance view(String root, DashboardService.View v, String filterQuery,
                boolean canReview, Flash flash, int maxDays, double k);

        static native TemplateInstance day(String root, DayDetail d, boolean canReview, String ingestUrl,
                String qaqcUrl);
    }

    /** What a view of the page shows, for its filters. */
    private record Screen(DashboardService.View view, List<PlantSummary> plants, String query, Flash flash) {
    }

    private final DashboardService dashboard;
    private final RemovalQueryService queries;
    private final ApprovalService approvals;
    private final SecurityIdentity identity;
    private final MrvConfig config;
    /** The service's root path: "" locally, "/mrv" behind the load balancer; every link of the pages starts with it. */
    private final String root;

    public DashboardResource(DashboardService dashboard, RemovalQueryService queries, ApprovalService approvals,
            SecurityIdentity identity, MrvConfig config,
            @ConfigProperty(name = "quarkus.http.root-path") String rootPath) {
        this.dashboard = dashboard;
        this.queries = queries;
        this.approvals = approvals;
        this.identity = identity;
        this.config = config;
        this.root = SignInResource.withoutTrailingSlash(rootPath);
    }

    /** Open to anyone so that a visitor without a session is sent to sign-in (not answered 401). */
    @GET
    @PermitAll
    @Operation(hidden = true)
    public Response page(@BeanParam RemovalFilter filter, @Context UriInfo uri) {
        if (identity.isAnonymous()) {
            String next = "/dashboard" + (uri.getRequestUri().getRawQuery() == null ? ""
                    : "?" + uri.getRequestUri().getRawQuery());
            return Response.seeOther(URI.create(root + "/dashboard/sign-in?next=" + URLEncoder.encode(next,
                    StandardCharsets.UTF_8))).build();
        }
        if (!identity.hasRole(Roles.VIEWER) && !identity.hasRole(Roles.ENGINEER) && !canReview()) {
            return Response.status(Response.Status.FORBIDDEN).type(MediaType.TEXT_PLAIN)
                    .entity("The dashboard is for people (viewer, engineer, reviewer, admin); this token has none "
                            + "of those roles.").build();
        }
        Screen s = screen(filter, null);
        return HtmlPage.of(Templates.page(root, s.view(), s.query(), canReview(), s.flash(), config.dashboard().maxDays(),
                k(), s.plants(), options(RemovalFlag.class, filter.flag), options(ApprovalState.class,
                        filter.approval), viewer())).build();
    }

    @GET
    @Path("/view")
    @Operation(hidden = true)
    public Response viewPart(@BeanParam RemovalFilter filter, @Context HttpHeaders headers) {
        Screen s = screen(filter, null);
        if (s.flash() != null) {
            return view(s); // the filters could not be read: a view of no days, with why
        }
        boolean canReview = canReview();
        // rendered once per view, reviewer or not, while the view is kept; a reviewer's comes with the decision form
        KeptAnswer part = s.view().rendered(canReview, s.query(), () -> HtmlPage.kept(Templates.view(root,
                s.view(), s.query(), canReview, null, config.dashboard().maxDays(), k())));
        return part.response(headers).header("HX-Push-Url", root + "/dashboard?" + s.query()).build();
    }

    @GET
    @Path("/day/{plant}/{day}")
    @Operation(hidden = true)
    public Response dayPart(@PathParam("plant") String plant, @PathParam("day") LocalDate date) {
        return queries.day(plant, date, null).map(d -> HtmlPage.of(Templates.day(root, d, canReview(),
                config.dashboard().ingestUrl(), config.dashboard().qaqcUrl())).build())
                // htmx swaps no error answer: the page shows this text in its alert
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND).type(MediaType.TEXT_PLAIN)
                        .entity("No figure for " + plant + " on " + date + ".").build());
    }

    @POST
    @Path("/approvals")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
    @Operation(hidden = true)
    public Response decide(@BeanParam RemovalFilter filter, @FormParam("decision") String decision,
            @FormParam("comment") String comment) {
        return view(screen(filter, decide(filter, decisionOf(decision), comment)));
    }

    private Flash decide(RemovalFilter filter, ApprovalState.Decision decision, String comment) {
        if (decision == null) {
            return Flash.error("Choose approve or reject.");
        }
        if (comment == null || comment.isBlank()) {
            return Flash.error("A decision needs a comment.");
        }
        if (filter.plant == null || filter.plant.isBlank() || filter.from == null || filter.to == null) {
            return Flash.error("A decision covers one plant and a day range.");
        }
        try {
            RemovalFilter.requireOrdered(filter.from, filter.to);
            long id = approvals.decide(filter.plant, filter.from, filter.to, decision, comment);
            boolean approved = decision == ApprovalState.Decision.APPROVED;
            return Flash.ok((approved ? "Approved" : "Rejected") + " " + filter.plant + " from " + filter.from
                    + " to " + filter.to + " (decision #" + id + ")" + (approved ? ": these days are now locked."
                            : "."));
        } catch (Problem e) {
            return Flash.error(e.detail());
        }
    }

    private static ApprovalState.Decision decisionOf(String name) {
        for (ApprovalState.Decision d : ApprovalState.Decision.values()) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }

    private Response view(Screen s) {
        return HtmlPage.of(Templates.view(root, s.view(), s.query(), canReview(), s.flash(), config.dashboard().maxDays(),
                k())).header("HX-Push-Url", root + "/dashboard?" + s.query()).build();
    }

    /** The view of the filters, the plant and range defaulted (first plant, its last months); a bad range flashed. */
    private Screen screen(RemovalFilter filter, Flash flash) {
        List<PlantSummary> plants = dashboard.plants();
        if (filter.plant == null || filter.plant.isBlank()) {
            filter.plant = plants.isEmpty() ? "" : plants.get(0).plant();
        }
        if (filter.from == null || filter.to == null) {
            DashboardService.DayRange range = dashboard.defaultRange(plants, filter.plant);
            filter.from = filter.from == null ? (filter.to == null ? range.from() : filter.to.minusMonths(
                    config.dashboard().defaultMonths()).plusDays(1)) : filter.from;
            filter.to = filter.to == null ? range.to() : filter.to;
        }
        try {
            return new Screen(dashboard.view(filter.toQuery(), this::table), plants, query(filter), flash);
        } catch (Problem e) {
            return new Screen(dashboard.nothing(DayQuery.of(filter.plant, filter.from, filter.from), this::table), plants,
                    query(filter), Flash.error(e.detail()));
        }
    }

    private static <E extends Enum<E>> List<Option> options(Class<E> type, List<E> checked) {
        Set<E> on = EnumSet.noneOf(type);
        if (checked != null) {
            checked.stream().filter(x -> x != null).forEach(on::add);
        }
        List<Option> out = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            out.add(new Option(e.name(), on.contains(e)));
        }
        return out;
    }

    /** The filter as a query string (the page's shareable URL and the export links use it). */
    static String query(RemovalFilter f) {
        List<String> parts = new ArrayList<>();
        parts.add("plant=" + encode(f.plant));
        parts.add("from=" + f.from);
        parts.add("to=" + f.to);
        if (f.flag != null) {
            f.flag.stream().filter(x -> x != null).forEach(x -> parts.add("flag=" + x.name()));
        }
        if (f.approval != null) {
            f.approval.stream().filter(x -> x != null).forEach(x -> parts.add("approval=" + x.name()));
        }
        return String.join("&", parts);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private String table(List<DayRow> days) {
        return DaysTableHtml.rows(root, days);
    }

    private double k() {
        return config.uncertainty().coverageFactor();
    }

    private boolean canReview() {
        return identity.hasRole(Roles.REVIEWER) || identity.hasRole(Roles.ADMIN);
    }

    private Viewer viewer() {
        String name = identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null
                ? jwt.getSubject() : identity.getPrincipal().getName();
        return new Viewer(name, String.join(", ", new TreeSet<>(identity.getRoles())));
    }
}
