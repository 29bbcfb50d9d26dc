package org.carbonmrv.common.security;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;

/** A refused token, or no token where a role is required, is a 401 problem with a Bearer challenge. */
public class AuthenticationFailedMapper {

    @ServerExceptionMapper(value = {AuthenticationFailedException.class, UnauthorizedException.class}, priority = 1)
    public Response unauthorized(RuntimeException e) {
        return Response.status(Response.Status.UNAUTHORIZED).type("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .entity("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                        + "\"detail\":\"a valid bearer token is required\"}")
                .build();
    }
}
