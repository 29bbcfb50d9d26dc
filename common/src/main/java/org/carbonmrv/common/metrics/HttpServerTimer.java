package org.carbonmrv.common.metrics;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code http_server_requests_seconds{method, uri, status, outcome}} as Micrometer's convention names it, measured
 * from the first route to the end of the response. It replaces Quarkus' Vert.x binder, whose per-request work
 * (connection, byte and active-request meters, a meter lookup per request) is a visible share of a cached API
 * read; here a request costs two clock reads and one map lookup of an already registered timer.
 *
 * <p>The {@code uri} tag is the resource's path template that Quarkus REST's observability handler records on the
 * request's context, so {@code /api/v1/uploads/{id}} stays one series; a request no resource matched is tagged
 * {@code NOT_FOUND}, {@code REDIRECTION} or {@code UNKNOWN}, never with its raw path. Management paths
 * ({@code /q/…}) are not measured, as Quarkus does by default.
 */
@ApplicationScoped
public class HttpServerTimer {

    static final String NAME = "http.server.requests";
    private static final String TEMPLATE_KEY = "UrlPathTemplate";
    /** Before every other route, so that security's refusals are measured too. */
    private static final int ORDER = Integer.MIN_VALUE + 1;

    private record Series(String method, String uri, int status) {
    }

    private final MeterRegistry registry;
    private final ConcurrentMap<Series, Timer> timers = new ConcurrentHashMap<>();

    public HttpServerTimer(MeterRegistry registry) {
        this.registry = registry;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::begin);
    }

    private void begin(RoutingContext request) {
        if (!request.normalizedPath().startsWith("/q/")) {
            long start = System.nanoTime();
            request.addEndHandler(ended -> record(request, System.nanoTime() - start));
        }
        request.next();
    }

    private void record(RoutingContext request, long nanos) {
        int status = request.response().getStatusCode();
        Series series = new Series(request.request().method().name(), uri(request, status), status);
        timers.computeIfAbsent(series, this::register).record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer register(Series series) {
        return Timer.builder(NAME).description("HTTP server requests")
                .tag("method", series.method()).tag("uri", series.uri())
                .tag("status", Integer.toString(series.status())).tag("outcome", outcome(series.status()))
                .register(registry);
    }

    static String uri(RoutingContext request, int status) {
        Object template = request.request() instanceof HttpServerRequestInternal internal
                ? internal.context().getLocal(TEMPLATE_KEY) : null;
        if (template instanceof String path && !path.isEmpty()) {
            return path;
        }
        if (status == 404) {
            return "NOT_FOUND";
        }
        return status >= 300 && status < 400 ? "REDIRECTION" : "UNKNOWN";
    }

    static String outcome(int status) {
        if (status < 200) {
            return "INFORMATIONAL";
        }
        if (status < 300) {
            return "SUCCESS";
        }
        if (status < 400) {
            return "REDIRECTION";
        }
        return status < 500 ? "CLIENT_ERROR" : "SERVER_ERROR";
    }
}
