package org.carbonmrv.mrv.removal;

/** A day's outcome, checked in this order; only VALID days are creditable. */
public enum RemovalFlag {
    /** No operations record for the day: no figure. */
    NO_OPS_DATA,
    /** Effluent flow missing, ≤ 0, or graded FAIL/MISSING: no figure. */
    INVALID_FLOW,
    /** Upstream or downstream calcium without a usable reading: no figure. */
    MISSING_CA_READINGS,
    /** Calcium did not rise (delta ≤ 0): figure computed, not creditable. */
    INVALID,
    VALID
}
