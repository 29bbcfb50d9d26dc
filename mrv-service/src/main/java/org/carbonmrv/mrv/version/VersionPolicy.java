package org.carbonmrv.mrv.version;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A day's version lifecycle, as pure decisions (no database): a figure equal to the latest one (same fingerprint)
 * adds nothing; a changed figure supersedes the current version, unless the day is approved, in which case it waits
 * as the pending version; data coming back to the approved figure withdraws the pending one; approving again makes
 * the pending figure current.
 */
public final class VersionPolicy {

    private VersionPolicy() {
    }

    /**
     * What storing one figure does to its day.
     *
     * @param before     the day's state, null for a day without versions
     * @param after      the day's state afterwards (equal to before when nothing changes)
     * @param newVersion the number the figure is stored as, null when it is not stored (unchanged)
     * @param superseded versions that stop being current or pending
     */
    public record Step(DayState before, DayState after, Integer newVersion, List<Supersession> superseded) {

        public boolean isNewDay() {
            return before == null;
        }

        public boolean changesState() {
            return before != null && !after.equals(before);
        }

        public boolean storesPending() {
            return newVersion != null && newVersion.equals(after.pending());
        }
    }

    /** Storing a figure with {@code fingerprint} on a day in {@code state} (null: new), approved or not. */
    public static Step store(String plant, LocalDate day, DayState s, String fingerprint, boolean approved) {
        if (s == null) {
            return new Step(null, DayState.first(plant, day, fingerprint), 1, List.of());
        }
        return approved ? whileApproved(s, fingerprint) : whileOpen(s, fingerprint);
    }

    /** An approved day keeps its current figure: a change waits as the pending version. */
    private static Step whileApproved(DayState s, String fp) {
        List<Supersession> superseded = new ArrayList<>();
        if (fp.equals(s.pendingFingerprint())) {
            return new Step(s, s, null, superseded);
        }
        if (fp.equals(s.currentFingerprint())) {
            // the data came back to what was approved: the waiting version is withdrawn
            if (s.pending() == null) {
                return new Step(s, s, null, superseded);
            }
            superseded.add(new Supersession(s.plant(), s.day(), s.pending(), s.current()));
            return new Step(s, s.withPending(null, null), null, superseded);
        }
        int next = s.latest() + 1;
        if (s.pending() != null) {
            superseded.add(new Supersession(s.plant(), s.day(), s.pending(), next));
        }
        return new Step(s, s.withPending(next, fp), next, superseded);
    }

    /** A day not approved follows its data. */
    private static Step whileOpen(DayState s, String fp) {
        List<Supersession> superseded = new ArrayList<>();
        boolean same = fp.equals(s.currentFingerprint());
        int next = s.latest() + 1;
        DayState after = s;
        if (s.pending() != null) {
            // left from an approval since replaced by a rejection: the day follows its data again
            superseded.add(new Supersession(s.plant(), s.day(), s.pending(), same ? s.current() : next));
            after = s.withPending(null, null);
        }
        if (same) {
            return new Step(s, after, null, superseded);
        }
        superseded.add(new Supersession(s.plant(), s.day(), s.current(), next));
        return new Step(s, after.withCurrent(next, fp), next, superseded);
    }

    /** Approving a day: its pending figure (what the reviewer saw as waiting) becomes current. */
    public static Step approve(DayState s) {
        if (s.pending() == null) {
            return new Step(s, s, null, List.of());
        }
        DayState after = new DayState(s.plant(), s.day(), s.pending(), s.pendingFingerprint(), null, null, s.latest());
        return new Step(s, after, null, List.of(new Supersession(s.plant(), s.day(), s.current(), s.pending())));
    }
}
