package org.carbonmrv.qaqc.grading;

/**
 * QARTOD flag scale. Aggregation takes the highest code: MISSING (9) over FAIL (4) over SUSPECT (3) over
 * NOT_EVALUATED (2) over GOOD (1), so a GOOD from one test never hides another test's MISSING or NOT_EVALUATED.
 */
public enum Flag {
    GOOD(1), NOT_EVALUATED(2), SUSPECT(3), FAIL(4), MISSING(9);

    public final short code;

    Flag(int code) {
        this.code = (short) code;
    }

    public static Flag of(int code) {
        for (Flag f : values()) {
            if (f.code == code) {
                return f;
            }
        }
        throw new IllegalArgumentException("no flag " + code + " (1, 2, 3, 4, 9)");
    }

    public static Flag worst(Flag a, Flag b) {
        return a.code >= b.code ? a : b;
    }
}
