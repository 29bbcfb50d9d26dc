package org.carbonmrv.common.security;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The dashboard signs a browser in with the bearer token in a SameSite=Strict, HttpOnly cookie, which every service
 * accepts like an Authorization header. Defence in depth against cross-site requests riding on that cookie: a
 * state-changing request authenticated by the cookie alone must carry a header a plain cross-site form cannot set
 * (htmx sends HX-Request, the dashboard's scripts X-Requested-With); a cross-origin script setting it needs CORS,
 * which only the configured dashboard origin gets.
 */
@Provider
@PreMatching
public class CookieCsrfFilter implements ContainerRequestFilter {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final String cookie;

    public CookieCsrfFilter(@ConfigProperty(name = "mp.jwt.token.cookie") Optional<String> cookie) {
        this.cookie = cookie.orElse(null);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (cookie == null || SAFE.contains(request.getMethod()) || !request.getCookies().containsKey(cookie)
                || request.getHeaderString(HttpHeaders.AUTHORIZATION) != null
                || request.getHeaderString("HX-Request") != null
                || request.getHeaderString("X-Requested-With") != null
                || request.getUriInfo().getPath().matches(".*/sign-(in|out)$")) {
            return;
        }
        request.abortWith(Response.status(Response.Status.FORBIDDEN)
                .type(MediaType.valueOf("application/problem+json"))
                .entity(Map.of("status", 403, "title", "Forbidden",
                        "detail", "a request authenticated by the session cookie must carry X-Requested-With"))
                .build());
    }
}
