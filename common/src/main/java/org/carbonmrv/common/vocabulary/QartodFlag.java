package org.carbonmrv.common.vocabulary;

import java.util.Locale;
import java.util.Optional;

/**
 * QARTOD flag scale, shared by the grader (qaqc) and the figures (mrv). Aggregation takes the highest code: MISSING
 * (9) over FAIL (4) over SUSPECT (3) over NOT_EVALUATED (2) over GOOD (1), so a GOOD from one test never hides another
 * test's MISSING or NOT_EVALUATED.
 */
public enum QartodFlag {
    GOOD(1), NOT_EVALUATED(2), SUSPECT(3), FAIL(4), MISSING(9);

    public final short code;

    QartodFlag(int code) {
        this.code = (short) code;
    }

    public static QartodFlag of(int code) {
        for (QartodFlag f : values()) {
            if (f.code == code) {
                return f;
            }
        }
        throw new IllegalArgumentException("no flag " + code + " (1, 2, 3, 4, 9)");
    }

    /** A flag given by its code ({@code 4}) or its name ({@code FAIL}, any case). */
    public static Optional<QartodFlag> parse(String text) {
        String s = text == null ? "" : text.strip();
        for (QartodFlag f : values()) {
            if (f.name().equals(s.toUpperCase(Locale.ROOT)) || String.valueOf(f.code).equals(s)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    public static QartodFlag worst(QartodFlag a, QartodFlag b) {
        return a.code >= b.code ? a : b;
    }

    /** FAIL and MISSING inputs never enter a figure. */
    public boolean excludes() {
        return this == FAIL || this == MISSING;
    }

    /** A usable input a reviewer should look at. */
    public boolean needsReview() {
        return this == SUSPECT || this == NOT_EVALUATED;
    }

    /** The names, for messages: GOOD, NOT_EVALUATED, SUSPECT, FAIL, MISSING. */
    public static String names() {
        return "GOOD (1), NOT_EVALUATED (2), SUSPECT (3), FAIL (4), MISSING (9)";
    }
}
