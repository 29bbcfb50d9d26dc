package org.carbonmrv.ingest.rest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.carbonmrv.ingest.parse.ParseProblem;
import org.carbonmrv.ingest.upload.Upload;

/** What the API says of an upload. */
public record UploadView(long id, String status, String kind, Integer layoutVersion, String recordType,
        String plant, List<String> plants, String fileName, String contentType, long sizeBytes, String sha256,
        boolean bytesStored, OffsetDateTime receivedAt, OffsetDateTime generatedAt, Counts counts,
        List<ParseProblem> warnings, List<ParseProblem> errors, Map<String, String> links) {

    /** @param rowsSkipped rows that are not records, by reason (summary rows, blank lines…) */
    public record Counts(int rowsRead, int recordsStored, Map<String, Long> rowsSkipped) {
    }

    /** @param zones the zone of a plant (its generation time is shown in the plant's offset) */
    public static UploadView of(Upload u, java.util.function.Function<String, java.time.ZoneId> zones) {
        List<String> plants = u.plants();
        OffsetDateTime generatedAt = u.generatedAt() == null || plants.size() != 1 ? u.generatedAt()
                : u.generatedAt().atZoneSameInstant(zones.apply(plants.get(0))).toOffsetDateTime();
        return new UploadView(u.id(), u.status().name(), u.kind(), u.layoutVersion(), u.recordType(),
                plants.size() == 1 ? plants.get(0) : null, plants, u.fileName(), u.contentType(), u.sizeBytes(),
                u.sha256(), u.bytesStored(), u.receivedAt(), generatedAt,
                new Counts(u.rowsRead(), u.recordsStored(), u.rowsSkipped()), u.warnings(), u.errors(),
                Map.of("self", "/api/v1/uploads/" + u.id(), "file", "/api/v1/uploads/" + u.id() + "/file"));
    }
}
