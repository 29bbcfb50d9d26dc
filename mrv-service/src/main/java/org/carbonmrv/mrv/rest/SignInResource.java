package org.carbonmrv.mrv.rest;

import java.net.URI;
import java.time.Instant;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * The dashboard's session: a browser signs in with its bearer token, which is then carried by an HttpOnly,
 * SameSite=Strict cookie that every service accepts (the token's own expiry is the cookie's). Signing out clears it.
 */
@Path("/dashboard")
@Produces(MediaType.TEXT_HTML)
@PermitAll
public class SignInResource {

    @CheckedTemplate(basePath = "dashboard", defaultName = CheckedTemplate.HYPHENATED_ELEMENT_NAME)
    static class Templates {
        static native TemplateInstance signIn(String root, String next, String error);
    }

    private final JWTParser parser;
    private final String cookieName;
    private final String root;

    public SignInResource(JWTParser parser, @ConfigProperty(name = "mp.jwt.token.cookie") String cookieName,
            @ConfigProperty(name = "quarkus.http.root-path") String rootPath) {
        this.parser = parser;
        this.cookieName = cookieName;
        this.root = withoutTrailingSlash(rootPath);
    }

    @GET
    @Path("/sign-in")
    @Operation(hidden = true)
    public Response signInPage(@QueryParam("next") String next) {
        return HtmlPage.of(Templates.signIn(root, safeNext(next), null)).build();
    }

    @POST
    @Path("/sign-in")
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
            return HtmlPage.of(Templates.signIn(root, safeNext(next), "This token is not accepted (wrong signature or "
                    + "issuer, or expired).")).status(Response.Status.UNAUTHORIZED).build();
        }
        long maxAge = Math.max(0, jwt.getExpirationTime() - Instant.now().getEpochSecond());
        return Response.seeOther(URI.create(root + safeNext(next))).cookie(cookie(t, (int) maxAge,
                secure(headers, uri))).build();
    }

    @POST
    @Path("/sign-out")
    @Operation(hidden = true)
    public Response signOut(@Context HttpHeaders headers, @Context UriInfo uri) {
        return Response.seeOther(URI.create(root + "/dashboard/sign-in")).cookie(cookie("", 0, secure(headers,
                uri))).build();
    }

    static String withoutTrailingSlash(String rootPath) {
        return rootPath.endsWith("/") ? rootPath.substring(0, rootPath.length() - 1) : rootPath;
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
}
