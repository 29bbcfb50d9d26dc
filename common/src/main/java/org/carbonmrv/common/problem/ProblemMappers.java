package org.carbonmrv.common.problem;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;

import org.carbonmrv.common.security.RequestInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.security.ForbiddenException;

/**
 * Every refusal and failure of the services' HTTP APIs as {@code application/problem+json}: problems as thrown,
 * constraint violations as 400 naming each field as the caller sent it, JSON that cannot be read as 400 naming where,
 * HTTP errors of the framework (unknown path, method, media type) with their status, the database being unreachable
 * as 503 with {@code Retry-After}, and anything else as 500 without internals (the request id finds it in the log).
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** Seconds a client waits before retrying after the database was unreachable (a failover takes seconds). */
    static final String RETRY_AFTER_SECONDS = "5";

    private final RequestInfo request;

    public ProblemMappers(RequestInfo request) {
        this.request = request;
    }

    @ServerExceptionMapper(priority = 1)
    public Response problem(Problem p) {
        return p.toResponse();
    }

    @ServerExceptionMapper(priority = 1)
    public Response invalid(ConstraintViolationException e, ResourceInfo resource) {
        if (e.getConstraintViolations().stream().anyMatch(v -> isReturnValue(v.getPropertyPath()))) {
            return failure(e); // the service's own answer broke its contract: not the caller's fault
        }
        List<Map<String, Object>> violations = e.getConstraintViolations().stream()
                .map(v -> Problem.violation(ParameterNames.of(v, resource == null ? null
                        : resource.getResourceMethod()), v.getMessage()))
                .sorted((a, b) -> String.valueOf(a.get("field")).compareTo(String.valueOf(b.get("field"))))
                .toList();
        return Problem.badRequest("Invalid request", violations).toResponse();
    }

    private static boolean isReturnValue(jakarta.validation.Path path) {
        for (jakarta.validation.Path.Node n : path) {
            if (n.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }

    @ServerExceptionMapper(value = {JsonProcessingException.class, JsonMappingException.class,
            MismatchedInputException.class, com.fasterxml.jackson.core.JsonParseException.class}, priority = 1)
    public Response unreadableJson(JsonProcessingException e) {
        String where = e instanceof JsonMappingException m && !m.getPath().isEmpty() ? path(m) : null;
        String why = e.getOriginalMessage() == null ? "malformed JSON" : e.getOriginalMessage();
        if (why.length() > 300) {
            why = why.substring(0, 300) + "…";
        }
        return where == null
                ? Problem.status(400).title("Unreadable body").detail("the body is not valid JSON: " + why).build()
                        .toResponse()
                : Problem.badRequest(where, "cannot be read: " + why).toResponse();
    }

    private static String path(JsonMappingException m) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : m.getPath()) {
            if (r.getFieldName() != null) {
                b.append(b.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.isEmpty() ? "body" : b.toString();
    }

    @ServerExceptionMapper(priority = 1)
    public Response forbidden(ForbiddenException e) {
        return Problem.status(403).title("Forbidden").detail("this role may not do this").build().toResponse();
    }

    @ServerExceptionMapper(priority = 1)
    public Response http(WebApplicationException e) {
        if (e.getCause() instanceof Problem p) {
            return p.toResponse();
        }
        Response r = e.getResponse();
        if (r.hasEntity() && r.getMediaType() != null && r.getMediaType().toString().startsWith(Problem.MEDIA_TYPE)) {
            return r;
        }
        int status = r.getStatus();
        if (status >= 500) {
            return failure(e);
        }
        Problem.Builder p = Problem.status(status).detail(switch (status) {
            case 404 -> "no resource at this path";
            case 405 -> "this method is not allowed here";
            case 406 -> "no representation in an accepted media type";
            case 415 -> "this media type is not accepted here";
            default -> e.getMessage();
        });
        r.getStringHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !values.isEmpty()) {
                p.header(name, values.get(0));
            }
        });
        return p.build().toResponse();
    }

    @ServerExceptionMapper(priority = 10)
    public Response failure(Throwable e) {
        String id = requestId();
        if (Unavailable.isDatabase(e)) {
            LOG.warnf("request %s: a store is unreachable (%s); answered 503", id, e.toString());
            return Problem.status(503).title("Service unavailable").detail("the database or the file store cannot be "
                    + "reached just now; nothing was stored; retry after " + RETRY_AFTER_SECONDS + " s")
                    .header("Retry-After", RETRY_AFTER_SECONDS).with("request_id", id).build().toResponse();
        }
        LOG.errorf(e, "request %s failed", id);
        return Problem.status(500).title("Internal error").detail("the request failed on the server; the request id "
                + "finds it in the service's log").with("request_id", id).build().toResponse();
    }

    private String requestId() {
        try {
            return request.getRequestId();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Whether a failure is the database (restarting, failing over) or the file store being unreachable, not a fault
     * of the request.
     */
    public static final class Unavailable {

        private Unavailable() {
        }

        public static boolean isDatabase(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SQLTransientConnectionException || t instanceof java.net.ConnectException) {
                    return true; // the database, or the S3 endpoint raw files go to
                }
                if (t instanceof SQLException s && s.getSQLState() != null && (s.getSQLState().startsWith("08")
                        || s.getSQLState().equals("57P01") || s.getSQLState().equals("57P02")
                        || s.getSQLState().equals("57P03"))) {
                    return true; // connection exceptions; admin/crash shutdown; cannot connect now
                }
                if (t.getClass().getName().equals("io.agroal.pool.ConnectionPool$AcquisitionTimeoutException")
                        || t instanceof SQLException s2 && s2.getMessage() != null
                                && s2.getMessage().contains("Acquisition timeout")) {
                    return true;
                }
            }
            return false;
        }
    }
}
