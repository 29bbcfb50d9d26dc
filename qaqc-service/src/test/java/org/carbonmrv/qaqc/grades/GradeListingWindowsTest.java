package org.carbonmrv.qaqc.grades;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.carbonmrv.common.vocabulary.RecordType;
import org.junit.jupiter.api.Test;

/**
 * The days a page reads, against the plain way: number every record of the listing, take the page's slice. Random
 * day counts (empty types, days of one record, days of thousands) and pages anywhere, including past the end.
 */
class GradeListingWindowsTest {

    /** A record as the listing orders it: its type, day and place within that day. */
    private record Rec(RecordType type, LocalDate day, int index) {
    }

    @Test
    void aPageReadsExactlyTheRecordsOfItsSliceOfTheListing() {
        Random random = new Random(20261203);
        for (int round = 0; round < 3000; round++) {
            List<GradeRecords.DayCount> days = randomDays(random);
            List<Rec> all = expand(days);
            int size = 1 + random.nextInt(random.nextBoolean() ? 5 : 3000);
            long offset = all.isEmpty() ? 0 : random.nextInt(all.size() + size);
            List<Rec> expected = all.subList((int) Math.min(offset, all.size()),
                    (int) Math.min(offset + size, all.size()));
            assertEquals(expected, read(days, all, offset, size), "round " + round + " offset " + offset
                    + " size " + size + " days " + days);
        }
    }

    @Test
    void aPageInsideOneLargeDayReadsThatDayOnly() {
        LocalDate d = LocalDate.of(2024, 11, 3);
        List<GradeRecords.DayCount> days = List.of(new GradeRecords.DayCount(RecordType.LAB, d, 4),
                new GradeRecords.DayCount(RecordType.SENSOR, d.minusDays(1), 1440),
                new GradeRecords.DayCount(RecordType.SENSOR, d, 1500),
                new GradeRecords.DayCount(RecordType.SENSOR, d.plusDays(1), 1440));
        // records 4 + 1440 = 1444 come before the DST day; records 2000..2099 are its 556th to 655th
        assertEquals(List.of(new GradeListing.Window(RecordType.SENSOR, d, d, 556)),
                GradeListing.windows(days, 2000, 100));
    }

    /** What the page's windows read: each window's days of its type, less its offset, up to the page's size. */
    private static List<Rec> read(List<GradeRecords.DayCount> days, List<Rec> all, long offset, int size) {
        List<Rec> out = new ArrayList<>();
        for (GradeListing.Window w : GradeListing.windows(days, offset, size)) {
            List<Rec> inWindow = all.stream().filter(r -> r.type() == w.type() && !r.day().isBefore(w.from())
                    && !r.day().isAfter(w.to())).toList();
            out.addAll(inWindow.subList(Math.min(w.offset(), inWindow.size()),
                    Math.min(w.offset() + size - out.size(), inWindow.size())));
        }
        return out;
    }

    private static List<GradeRecords.DayCount> randomDays(Random random) {
        List<GradeRecords.DayCount> days = new ArrayList<>();
        for (RecordType type : new RecordType[] {RecordType.LAB, RecordType.OPS, RecordType.SENSOR}) {
            LocalDate day = LocalDate.of(2024, 1, 1).plusDays(random.nextInt(30));
            for (int n = random.nextInt(6); n > 0; n--) {
                day = day.plusDays(1 + random.nextInt(3));
                long records = random.nextInt(4) == 0 ? 1 : 1 + random.nextInt(random.nextBoolean() ? 10 : 3000);
                days.add(new GradeRecords.DayCount(type, day, records));
            }
        }
        return days;
    }

    private static List<Rec> expand(List<GradeRecords.DayCount> days) {
        List<Rec> all = new ArrayList<>();
        for (GradeRecords.DayCount d : days) {
            for (int i = 0; i < d.records(); i++) {
                all.add(new Rec(d.recordType(), d.day(), i));
            }
        }
        return all;
    }
}
