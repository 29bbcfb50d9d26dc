package org.carbonmrv.ingest.upload;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.carbonmrv.ingest.parse.ParseProblem;

/**
 * One received file, accepted or rejected, with what parsing it found: a row of {@code ingest.upload}.
 *
 * @param kind          layout id that parsed the file (null when none could be chosen)
 * @param plants        plants the records belong to; for a rejected upload, the plant the request named
 * @param bytesStored   false only when the file was refused for its size
 * @param generatedAt   when the export says it was generated (its local time in the plant's zone, as an instant)
 */
public record Upload(long id, Status status, String kind, Integer layoutVersion, String recordType,
        List<String> plants, boolean bytesStored, String fileName, String contentType, long sizeBytes, String sha256,
        OffsetDateTime receivedAt, OffsetDateTime generatedAt, String requestedKind, String requestedPlant,
        int rowsRead, int recordsStored, Map<String, Long> rowsSkipped, List<ParseProblem> warnings,
        List<ParseProblem> errors) {

    public enum Status {
        ACCEPTED, REJECTED
    }
}
