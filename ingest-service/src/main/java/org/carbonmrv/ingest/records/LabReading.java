package org.carbonmrv.ingest.records;

import java.time.LocalDate;
import java.util.Map;

/**
 * A lab measurement with its lineage, read through the published view {@code ingest.v_lab_reading}.
 *
 * @param point               sampling point: primary_clarifier (upstream) or secondary_clarifier (downstream)
 * @param rawValue            the cell's text when it was not a number
 * @param uncertainty         absolute standard uncertainty, in {@code unit}
 * @param originalValue       the value as the lab wrote it, before conversion to {@code unit} (the parameter's
 *                            canonical unit)
 * @param censoring           {@code <} or {@code >} for a value reported below or above a limit (then {@code value}
 *                            is null)
 * @param detectionLimit      the limit of a censored value, in {@code unit}
 * @param metadata            every other column of the lab file, by header name
 */
public record LabReading(long recordId, long uploadId, String fileName, int rowNum, String plant, LocalDate sampleDate,
        String uniqueId, String point, String parameter, String unit, Double value, String rawValue,
        Double uncertainty, Integer replicate, Double originalValue, String originalUnit, Double originalUncertainty,
        String censoring, Double detectionLimit, Map<String, String> metadata) {
}
