package org.carbonmrv.mrv.removal.query;

import java.time.LocalDate;

/** How days are grouped into totals: all together, per calendar year, per calendar month. */
public enum Period {
    ALL, YEAR, MONTH;

    /** The period's label of a day: "all", "2024", "2024-07". */
    public String label(LocalDate day) {
        return switch (this) {
            case ALL -> "all";
            case YEAR -> String.valueOf(day.getYear());
            case MONTH -> day.toString().substring(0, 7);
        };
    }
}
