package org.carbonmrv.common.vocabulary;

import java.util.Locale;
import java.util.Optional;

/** The three kinds of normalized record: as stored and published in lower case ({@code lab}, {@code sensor}, {@code ops}). */
public enum RecordType {
    LAB, SENSOR, OPS;

    /** The stored and published name. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RecordType of(String code) {
        return parse(code).orElseThrow(() -> new IllegalArgumentException("no record type '" + code
                + "' (lab, sensor, ops)"));
    }

    public static Optional<RecordType> parse(String code) {
        for (RecordType t : values()) {
            if (t.code().equalsIgnoreCase(code == null ? "" : code.strip())) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return code();
    }
}
