package org.carbonmrv.ingest.records;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One version of a plant-day of operations, read through the published view {@code ingest.v_ops_day_version}.
 * Version rank 1 is the current value.
 */
@Entity
@Immutable
@Table(name = "v_ops_day_version")
public class OpsDay extends PanacheEntityBase {

    @Id
    @Column(name = "record_id")
    public long recordId;

    @Column(name = "upload_id")
    public long uploadId;

    @Column(name = "file_name")
    public String fileName;

    public String sheet;

    @Column(name = "row_num")
    public int rowNum;

    public String plant;

    public LocalDate day;

    /** When the export was generated, as the file states it. */
    @Column(name = "generated_at")
    public OffsetDateTime generatedAt;

    @Column(name = "received_at")
    public OffsetDateTime receivedAt;

    @Column(name = "effluent_flow_mgd")
    public Double effluentFlowMgd;

    @Column(name = "effluent_flow_max_mgd")
    public Double effluentFlowMaxMgd;

    @Column(name = "effluent_flow_min_mgd")
    public Double effluentFlowMinMgd;

    @Column(name = "influent_flow_mgd")
    public Double influentFlowMgd;

    @Column(name = "bypass_flow_mgd")
    public Double bypassFlowMgd;

    @Column(name = "bypass_hours")
    public Double bypassHours;

    /** Field → column letter and joined header it came from. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "source_columns")
    public Map<String, String> sourceColumns;

    /** The report's other columns: joined header → value (or text), unit, column. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "other_values")
    public Map<String, Object> otherValues;

    /** Each field as the export states it: value and unit, before conversion to the field's canonical unit. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "original_values")
    public Map<String, Object> originalValues;

    @Column(name = "version_rank")
    public long versionRank;

    @Column(name = "version_count")
    public long versionCount;

    /** Whether the day's versions disagree on effluent flow. */
    public boolean revised;

    public boolean isCurrent() {
        return versionRank == 1;
    }
}
