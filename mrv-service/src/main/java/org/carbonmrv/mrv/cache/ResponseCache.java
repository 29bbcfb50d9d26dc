package org.carbonmrv.mrv.cache;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/** Serialized JSON answers of read endpoints, kept per data revision ({@link RevisionCache}). */
@ApplicationScoped
public class ResponseCache {

    private static final long MAX_BYTES = 64L << 20;

    private final ObjectMapper json;
    /** A serialized answer and, when worth it, its gzip form (compressed once, served to every gzip client). */
    public record Answer(byte[] json, byte[] gzip) {

        public jakarta.ws.rs.core.Response toResponse(jakarta.ws.rs.core.HttpHeaders headers) {
            String accepts = headers.getHeaderString("Accept-Encoding");
            boolean zipped = gzip != null && accepts != null && accepts.contains("gzip");
            return jakarta.ws.rs.core.Response.ok(zipped ? gzip : json, "application/json")
                    .header("Vary", "Accept-Encoding").header("Content-Encoding", zipped ? "gzip" : null).build();
        }

        long size() {
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

    private final RevisionCache<String, Answer> answers;

    public ResponseCache(Revisions revisions, ObjectMapper json, MeterRegistry registry) {
        this.json = json;
        this.answers = new RevisionCache<>(revisions, MAX_BYTES, Answer::size, registry, "answers");
    }

    /**
     * The answer to a read endpoint: from memory on the calling (event-loop) thread when this revision's answer is
     * cached and the revision is known without a database read; otherwise computed on a worker thread. A cached
     * read then costs no hop to a worker thread (most reads of a long-running replica).
     */
    public Uni<Response> respond(String query, Supplier<Object> answer, HttpHeaders headers) {
        Answer hit = answers.peek(query);
        if (hit != null) {
            return Uni.createFrom().item(hit.toResponse(headers));
        }
        return Uni.createFrom().item(() -> get(query, answer).toResponse(headers))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    public Answer get(String query, Supplier<Object> answer) {
        return answers.get(query, () -> {
            try {
                return Answer.of(json.writeValueAsBytes(answer.get()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
