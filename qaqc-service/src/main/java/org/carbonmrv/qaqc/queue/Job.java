package org.carbonmrv.qaqc.queue;

/** A claimed grading job: grade the records of one upload (again, for a regrade). */
public record Job(long id, String kind, long uploadId, String recordType, int attempts) {
}
