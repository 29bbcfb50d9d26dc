package org.carbonmrv.mrv.removal;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

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
    private final Map<String, Integer> byFlag = new TreeMap<>();
    private final Map<String, Integer> byApproval = new TreeMap<>();
    private double validCo2;
    private double sumUca2;
    private double sumUflow;

    public PeriodTotals(String plant, String period) {
        this.plant = plant;
        this.period = period;
        for (RemovalFlag f : RemovalFlag.values()) {
            byFlag.put(f.name(), 0);
        }
    }

    public void add(LocalDate day, String flag, String approvalState, boolean review, Double co2, Double uCa,
            Double uFlow) {
        first = first == null || day.isBefore(first) ? day : first;
        last = last == null || day.isAfter(last) ? day : last;
        days++;
        if (review) {
            needsReview++;
        }
        byFlag.merge(flag, 1, Integer::sum);
        byApproval.merge(approvalState, 1, Integer::sum);
        if (RemovalFlag.VALID.name().equals(flag) && co2 != null) {
            validCo2 += co2;
            sumUca2 += uCa * uCa;
            sumUflow += uFlow;
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

    public Map<String, Object> toMap(double coverageFactor) {
        double u = uValidCo2();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("plant", plant);
        m.put("period", period);
        m.put("first_day", first);
        m.put("last_day", last);
        m.put("days", days);
        m.put("days_by_flag", byFlag);
        m.put("days_by_approval_state", byApproval);
        m.put("needs_review_days", needsReview);
        m.put("valid_co2_t", validCo2);
        m.put("u_valid_co2_t", u);
        m.put("conservative_valid_co2_t", validCo2 - coverageFactor * u);
        m.put("coverage_factor", coverageFactor);
        return m;
    }
}
