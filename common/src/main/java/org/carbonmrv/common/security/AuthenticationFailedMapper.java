package org.carbonmrv.common.security;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import io.quarkus.security.AuthenticationFailedException;

/**
 * A refused token is a 401 problem with a Bearer challenge. Registered ahead of resteasy-problem's own mapper,
 * which fails on this Quarkus version ({@code NoSuchFieldError: headerName}) and would turn a 401 into a 500.
 */
@Provider
@Priority(1)
public class AuthenticationFailedMapper implements ExceptionMapper<AuthenticationFailedException> {

    @Override
    public Response toResponse(AuthenticationFailedException e) {
        return Response.status(Response.Status.UNAUTHORIZED).type("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .entity("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                        + "\"detail\":\"a valid bearer token is required\"}")
                .build();
    }
}
