package org.carbonmrv.mrv.version;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The version lifecycle's decisions without a database: each case states the day before, the figure stored, and
 * the day after with the versions superseded, worked out by hand from the rules (unchanged adds nothing; a change
 * supersedes the current version unless the day is approved; an approved day's change waits as pending; data back
 * at the approved figure withdraws the pending one; approving makes the pending figure current).
 */
class VersionPolicyTest {

    private static final String P = "P";
    private static final LocalDate D = LocalDate.parse("2030-01-01");

    private static DayState state(int current, String cf, Integer pending, String pf, int latest) {
        return new DayState(P, D, current, cf, pending, pf, latest);
    }

    private static Supersession sup(int version, int by) {
        return new Supersession(P, D, version, by);
    }

    @Test
    void aNewDayStartsAtVersionOne() {
        VersionPolicy.Step s = VersionPolicy.store(P, D, null, "a", false);
        assertTrue(s.isNewDay());
        assertEquals(1, s.newVersion());
        assertEquals(state(1, "a", null, null, 1), s.after());
        assertEquals(List.of(), s.superseded());
    }

    @Test
    void anUnchangedFigureAddsNothing() {
        DayState before = state(3, "a", null, null, 3);
        VersionPolicy.Step s = VersionPolicy.store(P, D, before, "a", false);
        assertNull(s.newVersion());
        assertFalse(s.changesState());
        assertEquals(List.of(), s.superseded());
    }

    @Test
    void aChangeOnAnOpenDaySupersedesTheCurrentVersion() {
        VersionPolicy.Step s = VersionPolicy.store(P, D, state(3, "a", null, null, 3), "b", false);
        assertEquals(4, s.newVersion());
        assertEquals(state(4, "b", null, null, 4), s.after());
        assertEquals(List.of(sup(3, 4)), s.superseded());
    }

    @Test
    void aChangeOnAnApprovedDayWaitsAsPending() {
        VersionPolicy.Step s = VersionPolicy.store(P, D, state(2, "a", null, null, 2), "b", true);
        assertEquals(3, s.newVersion());
        assertTrue(s.storesPending());
        assertEquals(state(2, "a", 3, "b", 3), s.after(), "the approved version stays current");
        assertEquals(List.of(), s.superseded());
    }

    @Test
    void aLaterChangeReplacesThePendingVersion() {
        VersionPolicy.Step s = VersionPolicy.store(P, D, state(2, "a", 3, "b", 3), "c", true);
        assertEquals(4, s.newVersion());
        assertEquals(state(2, "a", 4, "c", 4), s.after());
        assertEquals(List.of(sup(3, 4)), s.superseded());
    }

    @Test
    void theSamePendingFigureAgainAddsNothing() {
        DayState before = state(2, "a", 3, "b", 3);
        VersionPolicy.Step s = VersionPolicy.store(P, D, before, "b", true);
        assertNull(s.newVersion());
        assertEquals(before, s.after());
    }

    @Test
    void dataBackAtTheApprovedFigureWithdrawsThePendingOne() {
        VersionPolicy.Step s = VersionPolicy.store(P, D, state(2, "a", 4, "c", 4), "a", true);
        assertNull(s.newVersion());
        assertEquals(state(2, "a", null, null, 4), s.after(), "the latest number is kept: 4 is never reused");
        assertEquals(List.of(sup(4, 2)), s.superseded(), "withdrawn in favour of the approved version");
    }

    @Test
    void afterARejectionTheDayFollowsItsDataAgain() {
        // pending 5 left from an approval since replaced by a rejection; a new figure 'e' equal to the pending one
        VersionPolicy.Step s = VersionPolicy.store(P, D, state(2, "a", 5, "e", 5), "e", false);
        assertEquals(6, s.newVersion());
        assertEquals(state(6, "e", null, null, 6), s.after());
        assertEquals(List.of(sup(5, 6), sup(2, 6)), s.superseded());
    }

    @Test
    void afterARejectionTheApprovedFigureAgainDropsThePendingOne() {
        VersionPolicy.Step s = VersionPolicy.store(P, D, state(2, "a", 5, "e", 5), "a", false);
        assertNull(s.newVersion());
        assertEquals(state(2, "a", null, null, 5), s.after());
        assertEquals(List.of(sup(5, 2)), s.superseded());
    }

    @Test
    void approvingMakesThePendingFigureCurrent() {
        VersionPolicy.Step s = VersionPolicy.approve(state(6, "e", 7, "f", 7));
        assertEquals(state(7, "f", null, null, 7), s.after());
        assertEquals(List.of(sup(6, 7)), s.superseded());
        assertTrue(s.changesState());
    }

    @Test
    void approvingADayWithNothingPendingChangesNothing() {
        DayState before = state(6, "e", null, null, 6);
        VersionPolicy.Step s = VersionPolicy.approve(before);
        assertFalse(s.changesState());
        assertEquals(List.of(), s.superseded());
    }
}
