package org.carbonmrv.ingest.upload;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.carbonmrv.ingest.parse.ParseProblem;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One received file, accepted or rejected, with what parsing it found. */
@Entity
@Table(name = "upload")
public class Upload extends PanacheEntityBase {

    public enum Status {
        ACCEPTED, REJECTED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    /** Layout id that parsed the file (null when none could be chosen). */
    public String kind;

    @Column(name = "layout_version")
    public Integer layoutVersion;

    @Column(name = "record_type")
    public String recordType;

    /** Plants the records belong to; for a rejected upload, the plant the request named. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] plants = new String[0];

    @Column(name = "bytes_stored", nullable = false)
    public boolean bytesStored = true;

    @Column(name = "file_name", nullable = false)
    public String fileName;

    @Column(name = "content_type")
    public String contentType;

    @Column(name = "size_bytes", nullable = false)
    public long sizeBytes;

    @Column(nullable = false, columnDefinition = "bpchar")
    public String sha256;

    @Column(name = "received_at", nullable = false)
    public OffsetDateTime receivedAt;

    /** When the export says it was generated (its local time in the plant's zone, as an instant). */
    @Column(name = "generated_at")
    public OffsetDateTime generatedAt;

    @Column(name = "requested_kind")
    public String requestedKind;

    @Column(name = "requested_plant")
    public String requestedPlant;

    @Column(name = "rows_read", nullable = false)
    public int rowsRead;

    @Column(name = "records_stored", nullable = false)
    public int recordsStored;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "rows_skipped", nullable = false, columnDefinition = "jsonb")
    public Map<String, Long> rowsSkipped = Map.of();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public List<ParseProblem> warnings = List.of();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public List<ParseProblem> errors = List.of();

    public static Upload findAccepted(String sha256) {
        return find("sha256 = ?1 and status = ?2", sha256, Status.ACCEPTED).firstResult();
    }
}
