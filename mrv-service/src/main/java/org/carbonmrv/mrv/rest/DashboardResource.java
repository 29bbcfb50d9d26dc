package org.carbonmrv.mrv.rest;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.carbonmrv.common.security.Roles;
import org.carbonmrv.mrv.approval.ApprovalService;
import org.carbonmrv.mrv.config.MrvConfig;
import org.carbonmrv.mrv.dashboard.DashboardService;
import org.carbonmrv.mrv.removal.RemovalFlag;
import org.carbonmrv.mrv.removal.RemovalQueryService;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

import org.carbonmrv.common.problem.Problem;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * The dashboard: server-rendered pages (Qute) whose parts htmx swaps. A browser signs in with its bearer token,
 * which is then carried by an HttpOnly, SameSite=Strict cookie that every service accepts. The page reads the
 * same stored figures as the API; approvals go through the same service as the API's; reviewer overrides are
 * posted by the browser to the qaqc-service, which owns them. Not part of the OpenAPI document (HTML, not API).
 */
@Path("/dashboard")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.VIEWER, Roles.ENGINEER, Roles.REVIEWER, Roles.ADMIN})
public class DashboardResource {

    private final DashboardService dashboard;
    private final RemovalQueryService queries;
    private final ApprovalService approvals;
    private final SecurityIdentity identity;
    private final JWTParser parser;
    private final MrvConfig config;
    private final String cookieName;
    /** The service's root path: "" locally, "/mrv" behind the load balancer; every link of the pages starts with it. */
    private final String root;

    @Location("dashboard/page")
    Template page;
    @Location("dashboard/view")
    Template view;
    @Location("dashboard/day")
    Template day;
    @Location("dashboard/sign-in")
    Template signIn;

    public DashboardResource(DashboardService dashboard, RemovalQueryService queries, ApprovalService approvals,
            SecurityIdentity identity, JWTParser parser, MrvConfig config,
            @ConfigProperty(name = "mp.jwt.token.cookie") String cookieName,
            @ConfigProperty(name = "quarkus.http.root-path") String rootPath) {
        this.dashboard = dashboard;
        this.queries = queries;
        this.approvals = approvals;
        this.identity = identity;
        this.parser = parser;
        this.config = config;
        this.cookieName = cookieName;
        this.root = rootPath.endsWith("/") ? rootPath.substring(0, rootPath.length() - 1) : rootPath;
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
        TemplateInstance t = page.instance();
        viewData(t, filter, null, null);
        return html(t).build();
    }

    @GET
    @Path("/view")
    @Operation(hidden = true)
    public Response viewPart(@BeanParam RemovalFilter filter) {
        TemplateInstance t = view.instance();
        String url = viewData(t, filter, null, null);
        return html(t).header("HX-Push-Url", url).build();
    }

    @GET
    @Path("/day/{plant}/{day}")
    @Operation(hidden = true)
    public Response dayPart(@PathParam("plant") String plant, @PathParam("day") LocalDate date) {
        Map<String, Object> d = queries.day(plant, date, null);
        if (d == null) {
            // htmx swaps no error answer: the page shows this text in its alert
            return Response.status(Response.Status.NOT_FOUND).type(MediaType.TEXT_PLAIN)
                    .entity("No figure for " + plant + " on " + date + ".").build();
        }
        return html(day.data("root", root).data("d", d).data("canReview", canReview())
                .data("ingestUrl", config.dashboard().ingestUrl()).data("qaqcUrl", config.dashboard().qaqcUrl()))
                .build();
    }

    @POST
    @Path("/approvals")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
    @Operation(hidden = true)
    public Response decide(@BeanParam RemovalFilter filter, @FormParam("decision") String decision,
            @FormParam("comment") String comment) {
        TemplateInstance t = view.instance();
        String message;
        String kind = "error";
        if (!ApprovalService.APPROVED.equals(decision) && !ApprovalService.REJECTED.equals(decision)) {
            message = "Choose approve or reject.";
        } else if (comment == null || comment.isBlank()) {
            message = "A decision needs a comment.";
        } else if (filter.plant == null || filter.from == null || filter.to == null) {
            message = "A decision covers one plant and a day range.";
        } else {
            try {
                RemovalFilter.requireOrdered(filter.from, filter.to);
                long id = approvals.decide(filter.plant, filter.from, filter.to, decision, comment);
                message = (ApprovalService.APPROVED.equals(decision) ? "Approved" : "Rejected") + " " + filter.plant
                        + " from " + filter.from + " to " + filter.to + " (decision #" + id + ")"
                        + (ApprovalService.APPROVED.equals(decision) ? ": these days are now locked." : ".");
                kind = "ok";
            } catch (Problem e) {
                message = e.detail();
            }
        }
        String url = viewData(t, filter, message, kind);
        return html(t).header("HX-Push-Url", url).build();
    }

    @GET
    @Path("/sign-in")
    @PermitAll
    @Operation(hidden = true)
    public Response signInPage(@QueryParam("next") String next) {
        return html(signIn.data("root", root).data("next", safeNext(next)).data("error", null)).build();
    }

    @POST
    @Path("/sign-in")
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response signIn(@FormParam("token") String token, @FormParam("next") String next,
            @Context HttpHeaders headers, @Context UriInfo uri) {
        String t = token == null ? "" : token.strip();
        if (t.regionMatches(true, 0, "Bearer ", 0, 7)) {
            t = t.substring(7).strip();
        }
        JsonWebToken jwt;
        try {
            jwt = parser.parse(t);
        } catch (ParseException | RuntimeException e) {
            return html(signIn.data("root", root).data("next", safeNext(next)).data("error", "This token is not accepted (wrong "
                    + "signature or issuer, or expired).")).status(Response.Status.UNAUTHORIZED).build();
        }
        long maxAge = Math.max(0, jwt.getExpirationTime() - Instant.now().getEpochSecond());
        return Response.seeOther(URI.create(root + safeNext(next))).cookie(cookie(t, (int) maxAge, secure(headers, uri)))
                .build();
    }

    @POST
    @Path("/sign-out")
    @PermitAll
    @Operation(hidden = true)
    public Response signOut(@Context HttpHeaders headers, @Context UriInfo uri) {
        return Response.seeOther(URI.create(root + "/dashboard/sign-in")).cookie(cookie("", 0, secure(headers, uri)))
                .build();
    }

    /** Fills the view's data (also the page's); returns the shareable URL of this view. */
    private String viewData(TemplateInstance t, RemovalFilter filter, String message, String messageKind) {
        List<Map<String, Object>> plants = dashboard.plants();
        if (filter.plant == null || filter.plant.isBlank()) {
            filter.plant = plants.isEmpty() ? "" : (String) plants.get(0).get("plant");
        }
        if (filter.from == null || filter.to == null) {
            LocalDate[] range = dashboard.defaultRange(plants, filter.plant);
            filter.from = filter.from == null ? (filter.to == null ? range[0] : filter.to.minusMonths(
                    config.dashboard().defaultMonths()).plusDays(1)) : filter.from;
            filter.to = filter.to == null ? range[1] : filter.to;
        }
        String error = null;
        DashboardService.View v;
        try {
            List<Object> params = new ArrayList<>();
            String where = filter.where(params);
            v = dashboard.view(filter.plant, filter.from, filter.to, where, params);
        } catch (Problem e) {
            error = e.detail();
            v = dashboard.view(filter.plant, filter.from, filter.from, " where false", List.of());
        }
        Set<String> flags = filter.flag == null ? Set.of() : new TreeSet<>(filter.flag);
        Set<String> states = filter.approval == null ? Set.of() : new TreeSet<>(filter.approval);
        String query = query(filter);
        List<String> allFlags = new ArrayList<>();
        for (RemovalFlag f : RemovalFlag.values()) {
            allFlags.add(f.name());
        }
        t.data("root", root).data("v", v).data("plants", plants).data("filterQuery", query).data("flagOptions", options(allFlags, flags))
                .data("stateOptions", options(RemovalFilter.APPROVAL_STATES_ORDERED, states))
                .data("canReview", canReview()).data("user", user())
                .data("message", error != null ? error : message).data("messageKind", error != null ? "error" : messageKind)
                .data("maxDays", config.dashboard().maxDays()).data("k", config.uncertainty().coverageFactor());
        return root + "/dashboard?" + query;
    }

    private static List<Map<String, Object>> options(List<String> values, Set<String> checked) {
        return values.stream().map(x -> Map.<String, Object>of("value", x, "checked", checked.contains(x))).toList();
    }

    /** The filter as a query string (the page's shareable URL and the export links use it). */
    static String query(RemovalFilter f) {
        Map<String, List<String>> q = new LinkedHashMap<>();
        q.put("plant", List.of(f.plant));
        q.put("from", List.of(f.from.toString()));
        q.put("to", List.of(f.to.toString()));
        q.put("flag", f.flag == null ? List.of() : f.flag);
        q.put("approval", f.approval == null ? List.of() : f.approval);
        List<String> parts = new ArrayList<>();
        q.forEach((k, values) -> values.forEach(x -> parts.add(k + "=" + URLEncoder.encode(x, StandardCharsets.UTF_8))));
        return String.join("&", parts);
    }

    private Response.ResponseBuilder html(TemplateInstance t) {
        String qaqc = URI.create(config.dashboard().qaqcUrl()).isAbsolute() ? " " + origin(config.dashboard().qaqcUrl())
                : "";
        // every asset is served by this service; the only other place the page talks to is qaqc (overrides)
        return Response.ok(t.render(), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).header(
                "Content-Security-Policy", "default-src 'self'; connect-src 'self'" + qaqc + "; img-src 'self' data:; "
                        + "style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'");
    }

    private static String origin(String url) {
        URI u = URI.create(url);
        return u.getScheme() + "://" + u.getAuthority();
    }

    private NewCookie cookie(String value, int maxAge, boolean secure) {
        return new NewCookie.Builder(cookieName).value(value).path("/").maxAge(maxAge).httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.STRICT).build();
    }

    /** Secure cookies over HTTPS (also behind the load balancer, which terminates TLS). */
    private static boolean secure(HttpHeaders headers, UriInfo uri) {
        return "https".equals(uri.getRequestUri().getScheme())
                || "https".equalsIgnoreCase(headers.getHeaderString("X-Forwarded-Proto"));
    }

    /** Only a path of this dashboard (below the root path): never an open redirect. */
    private static String safeNext(String next) {
        return next != null && next.startsWith("/dashboard") && !next.startsWith("//") && !next.contains("\\")
                ? next : "/dashboard";
    }

    private boolean canReview() {
        return identity.hasRole(Roles.REVIEWER) || identity.hasRole(Roles.ADMIN);
    }

    private Map<String, Object> user() {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("name", identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null
                ? jwt.getSubject() : identity.getPrincipal().getName());
        u.put("roles", String.join(", ", new TreeSet<>(identity.getRoles())));
        return u;
    }
}
