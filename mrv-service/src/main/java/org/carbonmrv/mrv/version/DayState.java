package org.carbonmrv.mrv.version;

import java.time.LocalDate;

/**
 * A plant-day's row of {@code mrv.removal_state}: the version served (current) and the one waiting for approval
 * (pending), their fingerprints, and the day's latest version number.
 */
public record DayState(String plant, LocalDate day, int current, String currentFingerprint, Integer pending,
        String pendingFingerprint, int latest) {

    /** The state of a day's first version. */
    static DayState first(String plant, LocalDate day, String fingerprint) {
        return new DayState(plant, day, 1, fingerprint, null, null, 1);
    }

    DayState withPending(Integer version, String fingerprint) {
        return new DayState(plant, day, current, currentFingerprint, version, fingerprint,
                Math.max(latest, version == null ? latest : version));
    }

    DayState withCurrent(int version, String fingerprint) {
        return new DayState(plant, day, version, fingerprint, pending, pendingFingerprint, Math.max(latest, version));
    }
}
