package org.carbonmrv.qaqc.grades;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A record's current grade as {@code qaqc.v_record_flag} publishes it: the flag (override applied) and the automatic
 * one, the tests and their flags, why; ts in the plant's local time, at a sensor reading's instant.
 */
@RegisterForReflection
public record RecordFlag(String recordType, long recordId, String plant, String parameter, LocalDateTime ts,
        LocalDate day, int flag, String flagName, int autoFlag, Long overrideId, int configVersion, long jobId,
        List<String> testNames, List<Integer> testFlags, List<String> reasons, OffsetDateTime at) {
}
