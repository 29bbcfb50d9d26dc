package org.carbonmrv.ingest.sensor;

import java.time.OffsetDateTime;

/**
 * One calibration of a sensor: when, how, against what reference, what it found, and its certificate (original
 * bytes kept by their SHA-256, like uploads). Append-only: a correction is a new calibration.
 */
public record Calibration(long id, String plant, String sensorId, OffsetDateTime calibratedAt, String method,
        String referenceMaterial, String referenceLot, Double offsetFound, Double slopeFound,
        String certificateSha256, String certificateFileName, String comment, String createdBy,
        OffsetDateTime createdAt) {
}
