package org.carbonmrv.common.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;

/**
 * An expected refusal answered as {@code application/problem+json} (RFC 9457): status, title, detail and extension
 * members (e.g. {@code violations}: each field at fault and why). Thrown by services and resources alike; carries no
 * stack trace, since it is an answer, not a failure.
 */
public final class Problem extends RuntimeException {

    public static final String MEDIA_TYPE = "application/problem+json";

    private final int status;
    private final String title;
    private final Map<String, Object> extensions;
    private final Map<String, String> headers;

    private Problem(int status, String title, String detail, Map<String, Object> extensions,
            Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.extensions = Map.copyOf(extensions);
        this.headers = Map.copyOf(headers);
    }

    public static Builder status(int status) {
        return new Builder(status);
    }

    public static Builder status(Response.Status status) {
        return new Builder(status.getStatusCode()).title(status.getReasonPhrase());
    }

    /** 400 naming one field (a query or path parameter, a body member) and what it must be. */
    public static Problem badRequest(String field, String message) {
        return status(400).title("Invalid request").detail(field + ": " + message)
                .with("violations", List.of(violation(field, message))).build();
    }

    /** 400 naming several fields; {@code violations} are {@link #violation} maps. */
    public static Problem badRequest(String title, List<Map<String, Object>> violations) {
        Map<String, Object> first = violations.get(0);
        return status(400).title(title).detail(first.get("field") + ": " + first.get("message"))
                .with("violations", violations).build();
    }

    public static Map<String, Object> violation(String field, String message) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("field", field);
        v.put("message", message);
        return v;
    }

    public static Problem notFound(String title, String detail) {
        return status(404).title(title).detail(detail).build();
    }

    public static Problem conflict(String title, String detail) {
        return status(409).title(title).detail(detail).build();
    }

    public static Problem unprocessable(String title, String detail) {
        return status(422).title(title).detail(detail).build();
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    /** The problem document, members in the order of RFC 9457 then the extensions. */
    public Map<String, Object> body() {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("type", "about:blank");
        b.put("title", title);
        b.put("status", status);
        if (getMessage() != null) {
            b.put("detail", getMessage());
        }
        b.putAll(extensions);
        return b;
    }

    public Response toResponse() {
        Response.ResponseBuilder r = Response.status(status).type(MEDIA_TYPE).entity(body());
        headers.forEach(r::header);
        return r.build();
    }

    /** Builds a {@link Problem}; the title defaults to the status' reason phrase. */
    public static final class Builder {
        private final int status;
        private String title;
        private String detail;
        private final Map<String, Object> extensions = new LinkedHashMap<>();
        private final Map<String, String> headers = new LinkedHashMap<>();

        private Builder(int status) {
            this.status = status;
            Response.Status known = Response.Status.fromStatusCode(status);
            this.title = known == null ? "Error " + status : known.getReasonPhrase();
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder detail(String detail) {
            this.detail = detail;
            return this;
        }

        public Builder with(String member, Object value) {
            extensions.put(member, value);
            return this;
        }

        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Problem build() {
            return new Problem(status, title, detail, extensions, headers);
        }
    }
}
