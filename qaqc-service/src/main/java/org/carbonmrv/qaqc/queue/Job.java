package org.carbonmrv.qaqc.queue;

/**
 * A claimed grading job: grade the records of one upload (again, for a regrade).
 *
 * @param traceparent the upload request's trace context (null for regrades, or when tracing is off)
 */
public record Job(long id, String kind, long uploadId, String recordType, int attempts, String traceparent) {
}
