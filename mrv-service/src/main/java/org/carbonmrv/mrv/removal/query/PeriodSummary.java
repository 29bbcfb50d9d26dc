package org.carbonmrv.mrv.removal.query;

import java.time.LocalDate;
import java.util.Map;

import org.carbonmrv.common.vocabulary.ApprovalState;
import org.carbonmrv.mrv.removal.RemovalFlag;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A plant's totals over a period: days per flag and approval state, the VALID total, its standard uncertainty, the
 * conservative total (total − k·u) and the coverage factor k.
 */
@RegisterForReflection
public record PeriodSummary(String plant, String period, LocalDate firstDay, LocalDate lastDay, int days,
        Map<RemovalFlag, Integer> daysByFlag, Map<ApprovalState, Integer> daysByApprovalState, int needsReviewDays,
        double validCo2T, double uValidCo2T, double conservativeValidCo2T, double coverageFactor) {
}
