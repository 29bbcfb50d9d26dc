package org.carbonmrv.ingest.sensor;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One series' readings of one upload per plant-local day, counted as they are copied: count, numeric count, sum,
 * min and max (ingest.sensor_day_stats). A reading's day is looked up in the zone only when it leaves the day of the
 * one before, so a file in time order costs a comparison per reading.
 */
public final class SensorDayStats {

    /** A day's figures as stored. */
    public record Day(LocalDate day, int readings, int numericReadings, Double valueSum, Double valueMin,
            Double valueMax) {
    }

    private static final class Acc {
        int readings;
        int numeric;
        double sum;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
    }

    private final ZoneId zone;
    private final Map<LocalDate, Acc> days = new TreeMap<>();
    /** The day of the last reading and its bounds, [start, end) in microseconds since 1970. */
    private Acc current;
    private long start = Long.MAX_VALUE;
    private long end = Long.MIN_VALUE;

    public SensorDayStats(ZoneId zone) {
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    /** @param epochMicros the reading's instant; @param value null when it was not a number */
    public void add(long epochMicros, Double value) {
        if (epochMicros < start || epochMicros >= end) {
            enter(epochMicros);
        }
        current.readings++;
        if (value != null) {
            double v = value;
            current.numeric++;
            current.sum += v;
            current.min = Math.min(current.min, v);
            current.max = Math.max(current.max, v);
        }
    }

    private void enter(long epochMicros) {
        Instant at = Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L),
                Math.floorMod(epochMicros, 1_000_000L) * 1_000L);
        LocalDate day = LocalDate.ofInstant(at, zone);
        start = micros(day.atStartOfDay(zone).toInstant());
        end = micros(day.plusDays(1).atStartOfDay(zone).toInstant());
        current = days.computeIfAbsent(day, d -> new Acc());
    }

    private static long micros(Instant i) {
        return Math.multiplyExact(i.getEpochSecond(), 1_000_000L) + i.getNano() / 1_000L;
    }

    public List<Day> days() {
        List<Day> out = new ArrayList<>();
        days.forEach((day, a) -> out.add(new Day(day, a.readings, a.numeric, a.numeric == 0 ? null : a.sum,
                a.numeric == 0 ? null : a.min, a.numeric == 0 ? null : a.max)));
        return out;
    }
}
