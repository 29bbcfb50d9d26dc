package org.carbonmrv.ingest.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * Instants as text at a zone's offset of the moment, exactly as {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}
 * writes them ({@code 2024-11-03T01:30:00-05:00}). A plant-day's thousands of readings are whole seconds of one or
 * two offsets and one or two dates, so the offset and the date are kept between calls and the rest is written
 * digit by digit; any other instant (fractions of a second, years outside 0000-9999, offsets with seconds) goes
 * through the formatter. Not thread-safe: one per answer.
 */
final class OffsetTimeText {

    private final ZoneRules rules;
    private final char[] text = new char[25];
    private long offsetFrom = Long.MAX_VALUE;
    private long offsetUntil = Long.MIN_VALUE;
    private ZoneOffset offset;
    private long day = Long.MIN_VALUE;
    private boolean dateWritable;

    OffsetTimeText(ZoneId zone) {
        this.rules = zone.getRules();
    }

    /** The text of {@code instant} at the zone's offset then. */
    String format(OffsetDateTime instant) {
        long epochSecond = instant.toEpochSecond();
        ZoneOffset at = offsetAt(epochSecond);
        long local = epochSecond + at.getTotalSeconds();
        if (instant.getNano() != 0 || at.getTotalSeconds() % 60 != 0 || !date(Math.floorDiv(local, 86_400L))) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.withOffsetSameInstant(at));
        }
        int secondOfDay = (int) Math.floorMod(local, 86_400L);
        text[10] = 'T';
        two(11, secondOfDay / 3600);
        text[13] = ':';
        two(14, secondOfDay / 60 % 60);
        text[16] = ':';
        two(17, secondOfDay % 60);
        return new String(text, 0, 19 + offset(at));
    }

    private ZoneOffset offsetAt(long epochSecond) {
        if (epochSecond < offsetFrom || epochSecond >= offsetUntil) {
            Instant i = Instant.ofEpochSecond(epochSecond);
            offset = rules.getOffset(i);
            ZoneOffsetTransition before = rules.previousTransition(i.plusSeconds(1));
            ZoneOffsetTransition after = rules.nextTransition(i);
            offsetFrom = before == null ? Long.MIN_VALUE : before.toEpochSecond();
            offsetUntil = after == null ? Long.MAX_VALUE : after.toEpochSecond();
        }
        return offset;
    }

    /** Writes yyyy-MM-dd of the local epoch day into the text; false when its year has not four digits. */
    private boolean date(long epochDay) {
        if (epochDay != day) {
            day = epochDay;
            LocalDate d = LocalDate.ofEpochDay(epochDay);
            dateWritable = d.getYear() >= 0 && d.getYear() <= 9999;
            if (dateWritable) {
                two(0, d.getYear() / 100);
                two(2, d.getYear() % 100);
                text[4] = '-';
                two(5, d.getMonthValue());
                text[7] = '-';
                two(8, d.getDayOfMonth());
            }
        }
        return dateWritable;
    }

    /** Writes Z or ±HH:MM after the time; returns its length. */
    private int offset(ZoneOffset at) {
        int total = at.getTotalSeconds();
        if (total == 0) {
            text[19] = 'Z';
            return 1;
        }
        int abs = Math.abs(total);
        text[19] = total < 0 ? '-' : '+';
        two(20, abs / 3600);
        text[22] = ':';
        two(23, abs / 60 % 60);
        return 6;
    }

    private void two(int at, int value) {
        text[at] = (char) ('0' + value / 10);
        text[at + 1] = (char) ('0' + value % 10);
    }
}
