package org.carbonmrv.qaqc.grades;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.vocabulary.RecordType;

/**
 * Pages of current grades in the listing's order (record type, time, record id). The records a query matches are
 * first counted per type and day (from the compact sensor rows' stored counts, without unnesting them); a page then
 * reads only the days that hold it, so that page 0 and page 1,000 of a plant's millions of sensor grades cost the
 * same. A record's day is the local calendar day of its time, so the order by day agrees with the order by time.
 */
@ApplicationScoped
public class GradeListing {

    private final GradeReadRepository grades;

    public GradeListing(GradeReadRepository grades) {
        this.grades = grades;
    }

    public GradeRecords.Page page(GradeQuery q, int page, int size) {
        List<GradeRecords.DayCount> days = grades.dayCounts(q);
        long total = days.stream().mapToLong(GradeRecords.DayCount::records).sum();
        long offset = (long) page * size;
        List<RecordFlag> items = new ArrayList<>();
        for (Window w : windows(days, offset, size)) {
            items.addAll(grades.flags(new GradeQuery(q.plant(), w.type(), q.parameter(), w.from(), w.to(), q.flag()),
                    w.offset(), size - items.size()));
        }
        return new GradeRecords.Page(items, page, size, total);
    }

    /** The days of one record type that hold part of a page, and how many of their records come before it. */
    record Window(RecordType type, LocalDate from, LocalDate to, int offset) {
    }

    /** Per record type, the days whose records overlap [offset, offset + size) of the listing. */
    static List<Window> windows(List<GradeRecords.DayCount> days, long offset, int size) {
        List<Window> out = new ArrayList<>();
        long end = offset + size;
        long before = 0;
        Window open = null;
        for (GradeRecords.DayCount d : days) {
            long after = before + d.records();
            if (after > offset && before < end) {
                if (open != null && open.type() == d.recordType()) {
                    open = new Window(open.type(), open.from(), d.day(), open.offset());
                } else {
                    if (open != null) {
                        out.add(open);
                    }
                    open = new Window(d.recordType(), d.day(), d.day(), (int) Math.max(0, offset - before));
                }
            }
            before = after;
        }
        if (open != null) {
            out.add(open);
        }
        return out;
    }
}
