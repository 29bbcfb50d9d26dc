package org.carbonmrv.mrv.cache;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.carbonmrv.common.http.KeptAnswer;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Serialized JSON answers of read endpoints, kept per data revision ({@link RevisionCache}): mrv's one revision keys
 * every answer, and most lookups run on event-loop threads, so this cache looks up without a lock or an access-order
 * list, and drops a revision's answers all at once (not the per-key revisions and least-recently-used order of
 * {@code RevisionedCache}, which the services' per-plant reads use).
 */
@ApplicationScoped
public class ResponseCache {

    private static final long MAX_BYTES = 64L << 20;

    private final ObjectMapper json;
    private final RevisionCache<String, KeptAnswer> answers;

    public ResponseCache(Revisions revisions, ObjectMapper json, MeterRegistry registry) {
        this.json = json;
        this.answers = new RevisionCache<>(revisions, MAX_BYTES, KeptAnswer::size, registry, "answers");
    }

    /**
     * The answer to a read endpoint: from memory on the calling (event-loop) thread when this revision's answer is
     * cached and the revision is known without a database read; otherwise computed on a worker thread. A cached
     * read then costs no hop to a worker thread (most reads of a long-running replica).
     */
    public Uni<Response> respond(String query, Supplier<Object> answer, HttpHeaders headers) {
        KeptAnswer hit = answers.peek(query);
        if (hit != null) {
            return Uni.createFrom().item(hit.toResponse(headers));
        }
        return Uni.createFrom().item(() -> get(query, answer).toResponse(headers))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    public KeptAnswer get(String query, Supplier<Object> answer) {
        return answers.get(query, () -> KeptAnswer.json(json, answer.get()));
    }
}
