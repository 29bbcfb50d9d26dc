package org.carbonmrv.ingest.upload;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.carbonmrv.common.trace.TraceParent;
import org.carbonmrv.ingest.persistence.Page;

import io.quarkus.panache.common.Sort;

/** The uploads' SQL beyond the entity: the content lock, the accepted upload of some bytes, the upload event. */
@ApplicationScoped
public class UploadRepository {

    private final EntityManager em;

    public UploadRepository(EntityManager em) {
        this.em = em;
    }

    /** Serialises uploads of the same content (a transaction advisory lock), so that concurrent duplicates make one. */
    public void lockContent(String sha256) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 0))").setParameter(1, sha256)
                .getSingleResult();
    }

    /** Uploads by plant, layout, status and received time ([from, to)), newest first. */
    public record UploadQuery(String plant, String kind, Upload.Status status, OffsetDateTime from, OffsetDateTime to,
            int page, int size) {
    }

    public Page<Upload> list(UploadQuery q) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        add(where, params, "array_contains(plants, :plant)", "plant", q.plant());
        add(where, params, "kind = :kind", "kind", q.kind());
        add(where, params, "status = :status", "status", q.status());
        add(where, params, "receivedAt >= :from", "from", q.from());
        add(where, params, "receivedAt < :to", "to", q.to());
        return Page.of(Upload.find(String.join(" and ", where), Sort.descending("id"), params), q.page(), q.size());
    }

    private static void add(List<String> where, Map<String, Object> params, String condition, String name,
            Object value) {
        if (value != null) {
            where.add(condition);
            params.put(name, value);
        }
    }

    public Optional<Upload> byId(long id) {
        return Optional.ofNullable(Upload.findById(id));
    }

    public Optional<Upload> accepted(String sha256) {
        return Optional.ofNullable(Upload.findAccepted(sha256));
    }

    /**
     * The work qaqc-service claims: one row per accepted upload, in the upload's transaction, with the request's
     * trace context.
     */
    public void emitEvent(long uploadId) {
        em.createNativeQuery("insert into ingest.upload_event (upload_id, plants, record_type, traceparent) "
                + "select id, plants, record_type, cast(?2 as text) from ingest.upload where id = ?1")
                .setParameter(1, uploadId).setParameter(2, TraceParent.current()).executeUpdate();
    }
}
