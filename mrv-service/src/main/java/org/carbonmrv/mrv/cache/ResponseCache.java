package org.carbonmrv.mrv.cache;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Serialized JSON answers of read endpoints, kept per data revision ({@link Revisions}): each request takes the
 * newest committed revision, then answers from memory when the same query was answered at that revision.
 * An answer computed while a writer commits is stored under the revision read before it, which readers of the
 * newer revision never look up: nothing stale is served. Bounded in bytes; entries of older revisions are dropped.
 */
@ApplicationScoped
public class ResponseCache {

    private static final long MAX_BYTES = 64L << 20;

    private final Revisions revisions;
    private final ObjectMapper json;
    /** A serialized answer and, when worth it, its gzip form (compressed once, served to every gzip client). */
    public record Answer(byte[] json, byte[] gzip) {

        public jakarta.ws.rs.core.Response toResponse(jakarta.ws.rs.core.HttpHeaders headers) {
            String accepts = headers.getHeaderString("Accept-Encoding");
            boolean zipped = gzip != null && accepts != null && accepts.contains("gzip");
            return jakarta.ws.rs.core.Response.ok(zipped ? gzip : json, "application/json")
                    .header("Vary", "Accept-Encoding").header("Content-Encoding", zipped ? "gzip" : null).build();
        }

        int size() {
            return json.length + (gzip == null ? 0 : gzip.length);
        }

        static Answer of(byte[] json) {
            if (json.length < 2048) {
                return new Answer(json, null);
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(json.length / 4);
            try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out)) {
                z.write(json);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return new Answer(json, out.toByteArray());
        }
    }

    private final ConcurrentHashMap<String, Answer> entries = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();
    private volatile long newest = -1;

    private final Counter hits;
    private final Counter misses;

    public ResponseCache(Revisions revisions, ObjectMapper json, MeterRegistry registry) {
        this.revisions = revisions;
        this.json = json;
        this.hits = requests(registry, "hit");
        this.misses = requests(registry, "miss");
        Gauge.builder("carbonmrv.mrv.cache.size", bytes, AtomicLong::get).baseUnit("bytes")
                .description("answers held in memory").register(registry);
    }

    private static Counter requests(MeterRegistry registry, String result) {
        return Counter.builder("carbonmrv.mrv.cache.requests").description("read answers, from memory or computed")
                .tag("result", result).register(registry);
    }

    /**
     * The answer to a read endpoint: from memory on the calling (event-loop) thread when this revision's answer is
     * cached and the revision is known without a database read; otherwise computed on a worker thread. A cached
     * read then costs no hop to a worker thread (most reads of a long-running replica).
     */
    public Uni<Response> respond(String query, Supplier<Object> answer, HttpHeaders headers) {
        long revision = revisions.knownWithoutReading();
        Answer hit = revision >= 0 && revision == newest ? entries.get(key(revision, query)) : null;
        if (hit != null) {
            hits.increment();
            return Uni.createFrom().item(hit.toResponse(headers));
        }
        return Uni.createFrom().item(() -> get(query, answer).toResponse(headers))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    public Answer get(String query, Supplier<Object> answer) {
        long revision = revisions.current();
        if (revision > newest) {
            newest = revision;
            String prefix = key(revision, "");
            for (Iterator<String> it = entries.keySet().iterator(); it.hasNext();) {
                String k = it.next();
                if (!k.startsWith(prefix)) {
                    Answer old = entries.remove(k);
                    if (old != null) {
                        bytes.addAndGet(-old.size());
                    }
                }
            }
        }
        String key = key(revision, query);
        Answer body = entries.get(key);
        if (body != null) {
            hits.increment();
            return body;
        }
        misses.increment();
        try {
            body = Answer.of(json.writeValueAsBytes(answer.get()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (revision == newest && bytes.get() + body.size() <= MAX_BYTES && entries.putIfAbsent(key, body) == null) {
            bytes.addAndGet(body.size());
        }
        return body;
    }

    private static String key(long revision, String query) {
        return revision + "|" + query;
    }
}
