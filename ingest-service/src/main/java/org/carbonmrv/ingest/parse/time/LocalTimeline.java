package org.carbonmrv.ingest.parse.time;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;

/**
 * Local wall-clock times of one logger (one sensor series, in file order) as instants in a zone. Within the hour a
 * fall-back repeats, a local time is read with the earlier offset until the file's clock goes back inside that hour:
 * from then on, with the later offset (the second pass). So a file that logs the hour twice in order keeps both
 * hours, and one that lists each repeated minute twice without order gives duplicates (which qaqc flags). A local
 * time that a spring-forward skips does not exist: it is refused, not moved.
 */
public final class LocalTimeline {

    /** An instant that cannot be: the local time falls in a spring-forward gap. */
    public static final long NONEXISTENT = Long.MIN_VALUE;

    private final ZoneRules rules;
    /** Local seconds [spanFrom, spanTo) in which one offset is valid and unambiguous, and that offset. */
    private long spanFrom = 1;
    private long spanTo = 0;
    private int spanOffset;
    private long lastLocal = Long.MIN_VALUE;
    private boolean lastInOverlap;
    private boolean secondPass;

    public LocalTimeline(ZoneId zone) {
        this.rules = zone.getRules();
    }

    /**
     * @param local local wall-clock seconds since 1970-01-01T00:00 (as if UTC)
     * @return seconds since the epoch (UTC), or {@link #NONEXISTENT}
     */
    public long instant(long local) {
        if (local >= spanFrom && local < spanTo) {
            remember(local, false);
            return local - spanOffset;
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(local, 0, ZoneOffset.UTC);
        List<ZoneOffset> offsets = rules.getValidOffsets(t);
        if (offsets.size() == 1) {
            span(local, t, offsets.get(0));
            remember(local, false);
            return local - offsets.get(0).getTotalSeconds();
        }
        if (offsets.isEmpty()) {
            remember(local, false);
            return NONEXISTENT;
        }
        if (lastInOverlap && local < lastLocal) {
            secondPass = true; // the clock went back inside the repeated hour
        }
        remember(local, true);
        return local - offsets.get(secondPass ? 1 : 0).getTotalSeconds();
    }

    private void remember(long local, boolean inOverlap) {
        if (!inOverlap) {
            secondPass = false;
        }
        lastLocal = local;
        lastInOverlap = inOverlap;
    }

    /** Caches the local span around {@code t} in which {@code offset} holds alone (until the next transition). */
    private void span(long local, LocalDateTime t, ZoneOffset offset) {
        ZoneOffsetTransition next = rules.nextTransition(t.toInstant(offset));
        ZoneOffsetTransition previous = rules.previousTransition(t.toInstant(offset).plusSeconds(1));
        spanOffset = offset.getTotalSeconds();
        spanFrom = previous == null ? Long.MIN_VALUE / 2
                : Math.max(previous.getDateTimeBefore().toEpochSecond(ZoneOffset.UTC),
                        previous.getDateTimeAfter().toEpochSecond(ZoneOffset.UTC));
        spanTo = next == null ? Long.MAX_VALUE / 2 : Math.min(next.getDateTimeBefore().toEpochSecond(ZoneOffset.UTC),
                next.getDateTimeAfter().toEpochSecond(ZoneOffset.UTC));
        if (local < spanFrom || local >= spanTo) {
            spanFrom = 1; // not cacheable (should not happen): look up every time
            spanTo = 0;
        }
    }

    /** Why a local time is refused, for the row's error. */
    public static String nonexistent(LocalDateTime t, ZoneId zone) {
        ZoneOffsetTransition gap = zone.getRules().getTransition(t);
        String jump = gap == null ? "" : " (clocks went from " + gap.getDateTimeBefore().toLocalTime() + " to "
                + gap.getDateTimeAfter().toLocalTime() + ")";
        return t.toLocalDate() + " " + t.toLocalTime() + " does not exist in " + zone + jump
                + "; a logger that keeps standard time all year needs the layout's timestamp_zone set to a fixed "
                + "offset (e.g. Etc/GMT+5)";
    }
}
