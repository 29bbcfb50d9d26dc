package org.carbonmrv.common.trace;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * The trace context that travels through the event tables (ingest's upload events, qaqc's jobs and grade events,
 * mrv's events) as a W3C {@code traceparent} text, so that an upload, the grading it causes and the recompute that
 * follows are one trace in any OTLP backend. Null when tracing is off (no span is recording).
 */
public final class TraceParent {

    /** Links a span keeps at most: a recompute batch names hundreds of grade events. */
    private static final int MAX_LINKS = 64;

    private static final TextMapGetter<String> VALUE = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of("traceparent");
        }

        @Override
        public String get(String carrier, String key) {
            return "traceparent".equals(key) ? carrier : null;
        }
    };

    private TraceParent() {
    }

    /** The current span's context as a traceparent, or null when there is no valid one. */
    public static String current() {
        SpanContext sc = Span.current().getSpanContext();
        return sc.isValid() ? "00-" + sc.getTraceId() + "-" + sc.getSpanId() + "-" + sc.getTraceFlags().asHex()
                : null;
    }

    /** The span context a stored traceparent names (invalid for null or malformed text). */
    public static SpanContext parse(String traceparent) {
        if (traceparent == null) {
            return SpanContext.getInvalid();
        }
        Context extracted = W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent, VALUE);
        return Span.fromContext(extracted).getSpanContext();
    }

    /**
     * Starts a consumer span for work that event rows caused: the child of the first row's context (so that one
     * upload's work is one trace), linked to the others'. The caller ends it and makes it current.
     */
    public static Span startConsumer(Tracer tracer, String name, Collection<String> traceparents) {
        List<SpanContext> parents = traceparents.stream().filter(Objects::nonNull).distinct().map(TraceParent::parse)
                .filter(SpanContext::isValid).toList();
        SpanBuilder b = tracer.spanBuilder(name).setSpanKind(SpanKind.CONSUMER);
        if (parents.isEmpty()) {
            b.setNoParent();
        } else {
            b.setParent(Context.root().with(Span.wrap(parents.get(0))));
            parents.stream().skip(1).limit(MAX_LINKS).forEach(b::addLink);
        }
        return b.startSpan();
    }

    /** The span's ids as {@link org.carbonmrv.common.LogContext} key-value pairs (the keys Quarkus uses in requests). */
    public static Object[] logKeys(Span span) {
        SpanContext sc = span.getSpanContext();
        return sc.isValid() ? new Object[] {"traceId", sc.getTraceId(), "spanId", sc.getSpanId()} : new Object[0];
    }
}
