package org.carbonmrv.ingest.records;

import java.time.OffsetDateTime;

/**
 * One sensor reading with its series: {@code ts} is its instant (logged in local or offset time, as the layout
 * says); {@code rawValue} the logged text when it was not a number (ERR, empty).
 */
public record SensorReading(long recordId, long uploadId, int rowNum, String plant, String sensorId, String point,
        OffsetDateTime ts, Double value, String rawValue, String unit) {
}
