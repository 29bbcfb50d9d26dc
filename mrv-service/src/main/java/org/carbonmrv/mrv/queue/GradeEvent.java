package org.carbonmrv.mrv.queue;

import java.time.LocalDate;

/**
 * A claimed grade event (mirrored from {@code qaqc.grade_event}).
 *
 * @param traceparent the grading job's (or override request's) trace context; null when tracing is off
 */
public record GradeEvent(long id, long sourceEventId, String plant, LocalDate day, String recordType, Long qaqcJobId,
        Long overrideId, String traceparent) {
}
