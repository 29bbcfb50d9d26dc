package org.carbonmrv.ingest.parse;

import java.time.LocalDate;
import java.util.Map;

/** Where parsers put normalized records; the persistence layer writes them with COPY. */
public interface RecordSink {

    void lab(LabRecord r);

    void sensor(SensorRecord r);

    void ops(OpsRecord r);

    /**
     * A lab measurement's numbers in one unit: the value (null when censored or not a number), its absolute standard
     * uncertainty and the detection limit of a censored value.
     */
    record Measured(Double value, Double uncertainty, Double detectionLimit, String unit) {
    }

    /**
     * A lab measurement: in the canonical unit of its parameter (mg/L for calcium) and as the lab wrote it.
     *
     * @param censoring {@code <} or {@code >} for a value reported below or above a limit; null otherwise
     * @param rawValue  the value's text when it was not a plain number
     */
    record LabRecord(long row, String plant, LocalDate sampleDate, String uniqueId, String point, String parameter,
            Measured canonical, Measured original, String censoring, String rawValue, Integer replicate,
            Map<String, String> metadata) {
    }

    /**
     * One sensor reading at an instant ({@code epochMicros}: microseconds since 1970-01-01T00:00Z), read from the
     * file's local or offset time as its layout says.
     */
    record SensorRecord(long row, String plant, String sensorId, String point, long epochMicros, Double value,
            String rawValue, String unit) {
    }

    /** A quantity as the file states it, before conversion to its canonical unit. */
    record Original(double value, String unit) {
    }

    /**
     * A plant-day of an operations export; {@code values} are the named quantities in their canonical units
     * (effluent_flow_mgd…), {@code originals} the same as the file states them.
     */
    record OpsRecord(String sheet, long row, String plant, LocalDate day, Map<String, Double> values,
            Map<String, Original> originals, Map<String, String> sourceColumns, Map<String, Object> otherValues) {
    }
}
