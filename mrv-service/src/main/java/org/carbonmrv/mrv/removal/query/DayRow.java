package org.carbonmrv.mrv.removal.query;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.carbonmrv.common.vocabulary.ApprovalState;
import org.carbonmrv.mrv.removal.RemovalFlag;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A day as lists and exports give it: its current figure and approval state (the lineage is in its detail). */
@RegisterForReflection
public record DayRow(String plant, LocalDate day, RemovalFlag flag, Double flowMgd, Double caUpstreamMgPerL,
        Double caDownstreamMgPerL, Double co2T, Double deltaCaMgPerL, Double uCo2T, Double uCo2CaT, Double uCo2FlowT,
        Double conservativeCo2T, boolean needsReview, ApprovalState approvalState, int version, Integer pendingVersion,
        String message, int nUpstream, int nDownstream, List<Integer> qaqcConfigVersions, int methodologyId,
        OffsetDateTime computedAt, Integer plantVersion, Long approvalId) {

    /** An approved day is locked: a new figure for it waits for approval. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isLocked() {
        return approvalState == ApprovalState.APPROVED;
    }
}
