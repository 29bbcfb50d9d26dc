package org.carbonmrv.ingest.records;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * One version of a plant-day of operations, read through the published view {@code ingest.v_ops_day_version}.
 * Version rank 1 is the current value.
 *
 * @param generatedAt    when the export was generated, as the file states it
 * @param sourceColumns  field → column letter and joined header it came from
 * @param otherValues    the report's other columns: joined header → value (or text), unit, column
 * @param originalValues each field as the export states it: value and unit, before conversion to the field's
 *                       canonical unit
 * @param revised        whether the day's versions disagree on effluent flow
 */
public record OpsDay(long recordId, long uploadId, String fileName, String sheet, int rowNum, String plant,
        LocalDate day, OffsetDateTime generatedAt, OffsetDateTime receivedAt, Double effluentFlowMgd,
        Double effluentFlowMaxMgd, Double effluentFlowMinMgd, Double influentFlowMgd, Double bypassFlowMgd,
        Double bypassHours, Map<String, String> sourceColumns, Map<String, Object> otherValues,
        Map<String, Object> originalValues, long versionRank, long versionCount, boolean revised) {

    public boolean isCurrent() {
        return versionRank == 1;
    }
}
