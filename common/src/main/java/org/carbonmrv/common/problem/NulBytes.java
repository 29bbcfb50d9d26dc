package org.carbonmrv.common.problem;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A NUL character in a query or path parameter is a 400 naming the parameter: no text column of PostgreSQL can hold
 * one, so it would otherwise reach the database and fail there.
 */
public class NulBytes {

    @ServerRequestFilter
    public Response refuse(ContainerRequestContext request) {
        Response bad = first(request.getUriInfo().getQueryParameters());
        return bad != null ? bad : first(request.getUriInfo().getPathParameters());
    }

    private static Response first(MultivaluedMap<String, String> params) {
        for (Map.Entry<String, List<String>> p : params.entrySet()) {
            for (String v : p.getValue()) {
                if (v != null && v.indexOf('\0') >= 0) {
                    return Problem.badRequest(p.getKey(), "contains a NUL character").toResponse();
                }
            }
        }
        return null;
    }
}
