package org.carbonmrv.common.vocabulary;

/**
 * A day's review state: the latest decision covering it, or none; CHANGED_AFTER_APPROVAL when an approved day has a
 * recomputed figure waiting.
 */
public enum ApprovalState {
    UNREVIEWED, APPROVED, REJECTED, CHANGED_AFTER_APPROVAL;

    /** A reviewer's decision on a period. */
    public enum Decision {
        APPROVED, REJECTED
    }
}
