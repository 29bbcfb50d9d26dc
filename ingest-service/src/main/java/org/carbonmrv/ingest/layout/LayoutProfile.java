package org.carbonmrv.ingest.layout;

import org.carbonmrv.common.vocabulary.RecordType;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One version of a layout profile. Profiles are never edited in place: a change is a new version. */
@Entity
@Table(name = "layout_profile")
@IdClass(LayoutProfileId.class)
public class LayoutProfile extends PanacheEntityBase {

    @Id
    public String id;

    @Id
    public int version;

    @Column(name = "record_type", nullable = false)
    public String recordType;

    @Column(nullable = false)
    public String format;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public LayoutDefinition definition;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    public RecordType type() {
        return RecordType.of(recordType);
    }

    public boolean isWorkbook() {
        return "workbook".equals(format);
    }
}
