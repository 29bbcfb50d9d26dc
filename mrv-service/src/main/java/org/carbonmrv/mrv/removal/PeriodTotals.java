package org.carbonmrv.mrv.removal;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;

import org.carbonmrv.common.vocabulary.ApprovalState;
import org.carbonmrv.mrv.removal.query.DayRow;
import org.carbonmrv.mrv.removal.query.PeriodSummary;

/**
 * Totals of a plant's period. Estimates are summed over VALID days. Uncertainty: calcium terms are independent
 * between days (added in quadrature); flow-meter terms are fully correlated between days of a plant (one meter,
 * one calibration error: added linearly). u = sqrt(Σ u_ca² + (Σ u_flow)²); conservative = total − k·u.
 */
public final class PeriodTotals {

    private final String plant;
    private final String period;
    private LocalDate first;
    private LocalDate last;
    private int days;
    private int needsReview;
    private final Map<RemovalFlag, Integer> byFlag = new EnumMap<>(RemovalFlag.class);
    private final Map<ApprovalState, Integer> byApproval = new EnumMap<>(ApprovalState.class);
    private double validCo2;
    private double sumUca2;
    private double sumUflow;

    public PeriodTotals(String plant, String period) {
        this.plant = plant;
        this.period = period;
        for (RemovalFlag f : RemovalFlag.values()) {
            byFlag.put(f, 0);
        }
    }

    public void add(DayRow d) {
        first = first == null || d.day().isBefore(first) ? d.day() : first;
        last = last == null || d.day().isAfter(last) ? d.day() : last;
        days++;
        if (d.needsReview()) {
            needsReview++;
        }
        byFlag.merge(d.flag(), 1, Integer::sum);
        byApproval.merge(d.approvalState(), 1, Integer::sum);
        if (d.flag() == RemovalFlag.VALID && d.co2T() != null) {
            validCo2 += d.co2T();
            sumUca2 += d.uCo2CaT() * d.uCo2CaT();
            sumUflow += d.uCo2FlowT();
        }
    }

    /** Sum of the VALID days' estimates so far (t). */
    public double validCo2() {
        return validCo2;
    }

    /** Standard uncertainty of {@link #validCo2()} under the correlation assumption above (t). */
    public double uValidCo2() {
        return Math.sqrt(sumUca2 + sumUflow * sumUflow);
    }

    public PeriodSummary summary(double coverageFactor) {
        double u = uValidCo2();
        return new PeriodSummary(plant, period, first, last, days, new EnumMap<>(byFlag), new EnumMap<>(byApproval),
                needsReview, validCo2, u, validCo2 - coverageFactor * u, coverageFactor);
    }
}
