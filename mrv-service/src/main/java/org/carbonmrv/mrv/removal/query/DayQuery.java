package org.carbonmrv.mrv.removal.query;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;

import org.carbonmrv.common.vocabulary.ApprovalState;
import org.carbonmrv.mrv.removal.RemovalFlag;

/**
 * Which days a read wants: a plant (or all), a day range (inclusive), flags and approval states (empty: any), days
 * that need review or not (null: either). Its text is a cache key: the sets are enum sets, in their order.
 */
public record DayQuery(String plant, LocalDate from, LocalDate to, Set<RemovalFlag> flags,
        Set<ApprovalState> approvals, Boolean needsReview) {

    public DayQuery {
        flags = flags == null || flags.isEmpty() ? EnumSet.noneOf(RemovalFlag.class) : EnumSet.copyOf(flags);
        approvals = approvals == null || approvals.isEmpty() ? EnumSet.noneOf(ApprovalState.class)
                : EnumSet.copyOf(approvals);
    }

    /** One plant's days between two days, whatever their flags. */
    public static DayQuery of(String plant, LocalDate from, LocalDate to) {
        return new DayQuery(plant, from, to, null, null, null);
    }
}
