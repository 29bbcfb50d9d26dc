package org.carbonmrv.ingest.records;

import java.time.LocalDate;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A lab measurement with its lineage, read through the published view {@code ingest.v_lab_reading}. */
@Entity
@Immutable
@Table(name = "v_lab_reading")
public class LabReading extends PanacheEntityBase {

    @Id
    @Column(name = "record_id")
    public long recordId;

    @Column(name = "upload_id")
    public long uploadId;

    @Column(name = "file_name")
    public String fileName;

    @Column(name = "row_num")
    public int rowNum;

    public String plant;

    @Column(name = "sample_date")
    public LocalDate sampleDate;

    @Column(name = "unique_id")
    public String uniqueId;

    /** Sampling point: primary_clarifier (upstream) or secondary_clarifier (downstream). */
    public String point;

    public String parameter;

    public String unit;

    public Double value;

    /** The cell's text when it was not a number. */
    @Column(name = "raw_value")
    public String rawValue;

    /** Absolute standard uncertainty, in {@link #unit}. */
    public Double uncertainty;

    public Integer replicate;

    /** The value as the lab wrote it, before conversion to {@link #unit} (the parameter's canonical unit). */
    @Column(name = "original_value")
    public Double originalValue;

    @Column(name = "original_unit")
    public String originalUnit;

    @Column(name = "original_uncertainty")
    public Double originalUncertainty;

    /** {@code <} or {@code >} for a value reported below or above a limit (then {@link #value} is null). */
    public String censoring;

    /** The limit of a censored value, in {@link #unit}. */
    @Column(name = "detection_limit")
    public Double detectionLimit;

    /** Every other column of the lab file, by header name. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> metadata;
}
