package org.carbonmrv.ingest.upload;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.Conditions;
import org.carbonmrv.common.Jdbc;
import org.carbonmrv.common.trace.TraceParent;
import org.carbonmrv.ingest.layout.LayoutProfile;
import org.carbonmrv.ingest.parse.ParseProblem;
import org.carbonmrv.ingest.persistence.JsonColumns;
import org.carbonmrv.ingest.persistence.Page;

import com.fasterxml.jackson.core.type.TypeReference;

import io.agroal.api.AgroalDataSource;

/**
 * The uploads' SQL ({@code ingest.upload}, its event): the caller's transaction, when there is one. An upload row is
 * written once it is known what it records: an accepted one is inserted before its records are copied (they name it)
 * and completed (what parsing found, the bytes' hash) once its bytes are all in; a rejected one is inserted whole.
 */
@ApplicationScoped
public class UploadRepository {

    private static final String COLUMNS = "id, status, kind, layout_version, record_type, plants, bytes_stored, "
            + "file_name, content_type, size_bytes, sha256, received_at, generated_at, requested_kind, "
            + "requested_plant, rows_read, records_stored, rows_skipped::text, warnings::text, errors::text";
    private static final TypeReference<Map<String, Long>> SKIPPED = new TypeReference<>() {
    };
    private static final TypeReference<List<ParseProblem>> PROBLEMS = new TypeReference<>() {
    };

    private final AgroalDataSource dataSource;
    private final JsonColumns json;

    public UploadRepository(AgroalDataSource dataSource, JsonColumns json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** What is known of a file when its row is first written. */
    public record Received(String fileName, String contentType, OffsetDateTime receivedAt, String requestedKind,
            String requestedPlant, LayoutProfile profile) {

        List<String> plants() {
            return requestedPlant == null ? List.of() : List.of(requestedPlant);
        }
    }

    /** What parsing found, set on an accepted upload when it is completed. */
    public record Parsed(OffsetDateTime generatedAt, int rowsRead, int recordsStored, Map<String, Long> rowsSkipped,
            List<ParseProblem> warnings, List<String> plants) {
    }

    /** An accepted upload's row before its bytes are all in, under a hash unique to it. @return its id */
    public long insertAccepted(Received r, String placeholderSha256) {
        return insert(r, Upload.Status.ACCEPTED, placeholderSha256, 0, true, List.of()).id();
    }

    /** A rejected upload, whole. */
    public Upload insertRejected(Received r, String sha256, long size, boolean bytesKept, List<ParseProblem> errors) {
        return insert(r, Upload.Status.REJECTED, sha256, size, bytesKept, errors);
    }

    private Upload insert(Received r, Upload.Status status, String sha256, long size, boolean bytesKept,
            List<ParseProblem> errors) {
        LayoutProfile p = r.profile();
        return Jdbc.list(dataSource, "insert into ingest.upload (status, kind, layout_version, record_type, plants, "
                + "bytes_stored, file_name, content_type, size_bytes, sha256, received_at, requested_kind, "
                + "requested_plant, errors) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb)) "
                + "returning " + COLUMNS, this::row, status.name(), p == null ? null : p.id(),
                p == null ? null : p.version(), p == null ? null : p.recordType(), texts(r.plants()), bytesKept,
                r.fileName(), r.contentType(), size, sha256, r.receivedAt(), r.requestedKind(), r.requestedPlant(),
                json.write(errors)).get(0);
    }

    /** Completes an accepted upload once its bytes are all in: what parsing found, the bytes' hash and size. */
    public Upload complete(long id, Parsed p, String sha256, long size) {
        return Jdbc.list(dataSource, "update ingest.upload set generated_at = ?, rows_read = ?, records_stored = ?, "
                + "rows_skipped = cast(? as jsonb), warnings = cast(? as jsonb), plants = ?, sha256 = ?, "
                + "size_bytes = ? where id = ? returning " + COLUMNS, this::row, p.generatedAt(), p.rowsRead(),
                p.recordsStored(), json.write(p.rowsSkipped()), json.write(p.warnings()), texts(p.plants()), sha256,
                size, id).get(0);
    }

    /** Serialises uploads of the same content (a transaction advisory lock), so that concurrent duplicates make one. */
    public void lockContent(String sha256) {
        Jdbc.list(dataSource, "select pg_advisory_xact_lock(hashtextextended(?, 0))", rs -> 1, sha256);
    }

    /** Uploads by plant, layout, status and received time ([from, to)), newest first. */
    public record UploadQuery(String plant, String kind, Upload.Status status, OffsetDateTime from, OffsetDateTime to,
            int page, int size) {
    }

    public Page<Upload> list(UploadQuery q) {
        Conditions w = new Conditions().and("plants @> array[cast(? as text)]", q.plant()).and("kind = ?", q.kind())
                .and("status = ?", q.status() == null ? null : q.status().name())
                .and("received_at >= ?", q.from()).and("received_at < ?", q.to());
        List<Upload> items = Jdbc.list(dataSource, "select " + COLUMNS + " from ingest.upload" + w.sql()
                + " order by id desc limit ? offset ?", this::row, w.params(q.size(), (long) q.page() * q.size()));
        return Page.of(items, q.page(), q.size(),
                () -> Jdbc.count(dataSource, "select count(*) from ingest.upload" + w.sql(), w.params()));
    }

    public Optional<Upload> byId(long id) {
        return Jdbc.first(dataSource, "select " + COLUMNS + " from ingest.upload where id = ?", this::row, id);
    }

    /** The accepted upload of some bytes. */
    public Optional<Upload> accepted(String sha256) {
        return Jdbc.first(dataSource, "select " + COLUMNS + " from ingest.upload where sha256 = ? and status = ?",
                this::row, sha256, Upload.Status.ACCEPTED.name());
    }

    /**
     * The work qaqc-service claims: one row per accepted upload, in the upload's transaction, with the request's
     * trace context.
     */
    public void emitEvent(long uploadId) {
        Jdbc.update(dataSource, "insert into ingest.upload_event (upload_id, plants, record_type, traceparent) "
                + "select id, plants, record_type, cast(? as text) from ingest.upload where id = ?",
                TraceParent.current(), uploadId);
    }

    private Upload row(ResultSet rs) throws SQLException {
        return new Upload(rs.getLong(1), Upload.Status.valueOf(rs.getString(2)), rs.getString(3),
                Jdbc.integer(rs, 4), rs.getString(5), Jdbc.texts(rs, 6), rs.getBoolean(7), rs.getString(8),
                rs.getString(9), rs.getLong(10), rs.getString(11), Jdbc.instant(rs, 12), Jdbc.instant(rs, 13),
                rs.getString(14), rs.getString(15), rs.getInt(16), rs.getInt(17), json.read(rs.getString(18), SKIPPED),
                json.read(rs.getString(19), PROBLEMS), json.read(rs.getString(20), PROBLEMS));
    }

    private String[] texts(List<String> values) {
        return values.toArray(String[]::new);
    }

}
