package org.carbonmrv.mrv.queue;

import java.time.LocalDate;

/** A claimed grade event (mirrored from {@code qaqc.grade_event}). */
public record GradeEvent(long id, long sourceEventId, String plant, LocalDate day, String recordType, Long qaqcJobId,
        Long overrideId) {
}
