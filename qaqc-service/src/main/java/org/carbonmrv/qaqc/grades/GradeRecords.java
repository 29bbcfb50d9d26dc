package org.carbonmrv.qaqc.grades;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.carbonmrv.common.vocabulary.RecordType;
import org.carbonmrv.qaqc.override.FlagOverride;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The read side's rows beside a record's current grade. */
public final class GradeRecords {

    private GradeRecords() {
    }

    /** A page of current grades. */
    @RegisterForReflection
    public record Page(List<RecordFlag> items, int page, int size, long total) {
    }

    /** How many records of one type a query matches on one day. */
    public record DayCount(RecordType recordType, LocalDate day, long records) {
    }

    /** A plant's records of one type and parameter on one day: how many per flag, and a sensor's completeness. */
    @RegisterForReflection
    public record DaySummary(String plant, String recordType, String parameter, LocalDate day, long records,
            long good, long notEvaluated, long suspect, long fail, long missing, Double completenessPct,
            String gaps) {
    }

    /** One grading of a record. */
    @RegisterForReflection
    public record Grading(long jobId, int configVersion, int flag, List<String> testNames, List<Integer> testFlags,
            List<String> reasons, OffsetDateTime gradedAt) {
    }

    /** Every grading of a record and the overrides covering it, with its current grade. */
    @RegisterForReflection
    public record History(String recordType, long recordId, RecordFlag current, List<Grading> grades,
            List<FlagOverride> overrides) {
    }

    /** A grading job as the queue holds it. */
    @RegisterForReflection
    public record JobEntry(long id, String kind, Long sourceEventId, long uploadId, String recordType,
            Integer configVersion, String status, int attempts, String lastError, OffsetDateTime createdAt,
            OffsetDateTime updatedAt, OffsetDateTime doneAt, Long sourceCalibrationId) {
    }
}
