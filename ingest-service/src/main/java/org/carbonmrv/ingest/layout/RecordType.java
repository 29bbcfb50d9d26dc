package org.carbonmrv.ingest.layout;

/** The three kinds of normalized record a layout produces. */
public enum RecordType {
    LAB, SENSOR, OPS
}
