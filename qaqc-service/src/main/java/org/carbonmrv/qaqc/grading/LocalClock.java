package org.carbonmrv.qaqc.grading;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * A plant's local calendar over instants read in time order: the offset of the span between two transitions is
 * looked up once, so a million readings cost a comparison each.
 */
final class LocalClock {

    private final ZoneId zone;
    private final ZoneRules rules;
    private long from = 1;
    private long to = 0;
    private int offset;

    LocalClock(ZoneId zone) {
        this.zone = zone;
        this.rules = zone.getRules();
    }

    ZoneId zone() {
        return zone;
    }

    int offsetAt(long epochSecond) {
        if (epochSecond < from || epochSecond >= to) {
            Instant t = Instant.ofEpochSecond(epochSecond);
            ZoneOffsetTransition previous = rules.previousTransition(t.plusSeconds(1));
            ZoneOffsetTransition next = rules.nextTransition(t);
            offset = rules.getOffset(t).getTotalSeconds();
            from = previous == null ? Long.MIN_VALUE : previous.toEpochSecond();
            to = next == null ? Long.MAX_VALUE : next.toEpochSecond();
        }
        return offset;
    }

    /** The local calendar day of an instant, as epoch days. */
    long localDay(long epochSecond) {
        return Math.floorDiv(epochSecond + offsetAt(epochSecond), 86_400);
    }

    /** An instant as the plant's local time with its offset (2024-11-03T01:30-05:00). */
    String local(long epochSecond) {
        return OffsetDateTime.ofInstant(Instant.ofEpochSecond(epochSecond), ZoneOffset.ofTotalSeconds(
                offsetAt(epochSecond))).toString();
    }

    /** Minutes of a local day: 1,440, or 1,380 and 1,500 on the days clocks spring forward and fall back. */
    int minutesIn(LocalDate day) {
        return (int) Duration.between(day.atStartOfDay(zone), day.plusDays(1).atStartOfDay(zone)).toMinutes();
    }
}
