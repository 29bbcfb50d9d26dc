package org.carbonmrv.ingest.records;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One sensor reading, read through the published view {@code ingest.v_sensor_reading}. */
@Entity
@Immutable
@Table(name = "v_sensor_reading")
public class SensorReading extends PanacheEntityBase {

    @Id
    @Column(name = "record_id")
    public long recordId;

    @Column(name = "upload_id")
    public long uploadId;

    @Column(name = "row_num")
    public int rowNum;

    public String plant;

    @Column(name = "sensor_id")
    public String sensorId;

    public String point;

    /** The reading's instant (logged in local or offset time, as the layout says). */
    public OffsetDateTime ts;

    public Double value;

    /** The logged text when it was not a number (ERR, empty). */
    @Column(name = "raw_value")
    public String rawValue;

    public String unit;
}
