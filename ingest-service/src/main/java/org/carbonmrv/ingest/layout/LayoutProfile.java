package org.carbonmrv.ingest.layout;

import java.time.OffsetDateTime;

import org.carbonmrv.common.vocabulary.RecordType;

/** One version of a layout profile. Profiles are never edited in place: a change is a new version. */
public record LayoutProfile(String id, int version, String recordType, String format, LayoutDefinition definition,
        OffsetDateTime createdAt) {

    public RecordType type() {
        return RecordType.of(recordType);
    }

    public boolean isWorkbook() {
        return "workbook".equals(format);
    }
}
