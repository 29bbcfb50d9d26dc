package org.carbonmrv.ingest.parse;

import java.time.LocalDate;
import java.util.Map;

/** Where parsers put normalized records; the persistence layer writes them with COPY. */
public interface RecordSink {

    void lab(LabRecord r);

    void sensor(SensorRecord r);

    void ops(OpsRecord r);

    /** A lab measurement; {@code value} is null when the cell was not a number, {@code rawValue} keeps its text. */
    record LabRecord(long row, String plant, LocalDate sampleDate, String uniqueId, String point, String parameter,
            String unit, Double value, String rawValue, Double uncertainty, Integer replicate,
            Map<String, String> metadata) {
    }

    /**
     * One sensor reading; {@code timestampText} is the timestamp in ISO form {@code yyyy-MM-dd HH:mm:ss}, kept as
     * text so that the hot path does not format it again.
     */
    record SensorRecord(long row, String plant, String sensorId, String point, String timestampText, Double value,
            String rawValue, String unit) {
    }

    /** A plant-day of an operations export; {@code values} are the named quantities (flow_mgd…). */
    record OpsRecord(String sheet, long row, String plant, LocalDate day, Map<String, Double> values,
            Map<String, String> sourceColumns, Map<String, Object> otherValues) {
    }
}
