package org.carbonmrv.mrv.removal;

/**
 * How a lab value reported as a bound ({@code <0.5}, ND, {@code >100}) enters a figure, always the side that cannot
 * overstate the calcium gained (the methodology's setting {@code censored_treatment}).
 */
public enum CensoredTreatment {
    /**
     * At its conservative bound: upstream at its upper bound ({@code <L} → L; {@code >L} has none: excluded),
     * downstream at its lower bound ({@code <L} → 0; {@code >L} → L). The day needs review.
     */
    BOUND,
    /** Excluded, as a value that is not a measurement. */
    EXCLUDE;

    /** The value a censored input is used at on its side, or null when it is not used. */
    Double used(InputRecord r) {
        InputRecord.Reported rep = r.reported();
        if (this == EXCLUDE) {
            return null;
        }
        boolean upstream = "ca_upstream".equals(r.role());
        if ("<".equals(rep.censoring())) {
            return upstream ? rep.detectionLimit() : Double.valueOf(0.0);
        }
        return upstream ? null : rep.detectionLimit();
    }

    String why(InputRecord r) {
        InputRecord.Reported rep = r.reported();
        String stated = rep.censoring() + (rep.detectionLimit() == null ? " the detection limit (not stated)"
                : " " + rep.detectionLimit() + " mg/L");
        Double used = used(r);
        return used == null ? "censored (" + stated + "): no conservative bound on this side, excluded"
                : "censored (" + stated + "): its " + ("ca_upstream".equals(r.role()) ? "upper" : "lower")
                        + " bound " + used + " used";
    }
}
