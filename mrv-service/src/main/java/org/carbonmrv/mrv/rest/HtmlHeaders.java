package org.carbonmrv.mrv.rest;

import java.net.URI;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;

import org.carbonmrv.mrv.config.MrvConfig;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The Content-Security-Policy of every HTML answer: every asset is served by this service; the only other place
 * a page talks to is qaqc (reviewer overrides). No inline script, no eval.
 */
public class HtmlHeaders {

    private final String policy;

    public HtmlHeaders(MrvConfig config) {
        String qaqc = config.dashboard().qaqcUrl();
        String qaqcOrigin = URI.create(qaqc).isAbsolute() ? " " + origin(qaqc) : "";
        this.policy = "default-src 'self'; connect-src 'self'" + qaqcOrigin + "; img-src 'self' data:; "
                + "style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'";
    }

    @ServerResponseFilter
    public void addPolicy(ContainerResponseContext response) {
        MediaType type = response.getMediaType();
        if (type != null && type.isCompatible(MediaType.TEXT_HTML_TYPE)) {
            response.getHeaders().putSingle("Content-Security-Policy", policy);
        }
    }

    private static String origin(String url) {
        URI u = URI.create(url);
        return u.getScheme() + "://" + u.getAuthority();
    }
}
