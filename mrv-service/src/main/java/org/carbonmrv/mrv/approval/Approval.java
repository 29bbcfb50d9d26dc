package org.carbonmrv.mrv.approval;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.carbonmrv.common.vocabulary.ApprovalState;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A reviewer's decision on a plant's period, with the days it covered and whether a recomputed figure waits on a day
 * it is the latest decision of ({@code changed_after_approval}).
 *
 * @param dayVersions the exact version of each day it covered (given for one decision, not in lists)
 */
@RegisterForReflection
public record Approval(long id, String plant, LocalDate fromDay, LocalDate toDay, ApprovalState.Decision decision,
        String comment, String decidedBy, OffsetDateTime decidedAt, long days, boolean changedAfterApproval,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<DayVersion> dayVersions) {

    /** A day and the version of it a decision was about. */
    @RegisterForReflection
    public record DayVersion(LocalDate day, int version) {
    }

    Approval withDays(List<DayVersion> days) {
        return new Approval(id, plant, fromDay, toDay, decision, comment, decidedBy, decidedAt, this.days,
                changedAfterApproval, days);
    }
}
