package org.carbonmrv.qaqc.grading;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * QARTOD-style tests of one sensor's minute series, sorted by time: missing value, gross range, spike, rate of
 * change, flat line (stuck probe), duplicate timestamp; and, per day, the completeness and the gaps.
 */
public final class SensorGrader {

    /** One reading; {@code value} is NaN when the logged text was not a number ({@code raw} keeps it). */
    public record Reading(long id, long epochSecond, double value, String raw) {
        boolean missing() {
            return Double.isNaN(value);
        }
    }

    /** Completeness of one day of one sensor. */
    public record Day(LocalDate day, int expectedMinutes, int presentMinutes, double completenessPct,
            List<Map<String, Object>> gaps) {
    }

    private SensorGrader() {
    }

    /**
     * @param elsewhere timestamps (epoch seconds) of this sensor already logged by other uploads
     */
    public static List<RecordGrade> grade(String plant, String sensorId, List<Reading> rs, Thresholds t, Set<Long> elsewhere) {
        int n = rs.size();
        RecordGrade[] g = new RecordGrade[n];
        double gapSec = t.number("gap_minutes", 10) * 60;
        double spikeSuspect = t.number("spike_suspect", Double.MAX_VALUE);
        double spikeFail = t.number("spike_fail", Double.MAX_VALUE);
        double rate = t.number("rate_of_change_per_minute", Double.MAX_VALUE);
        String unit = t.text("unit", "");
        for (int i = 0; i < n; i++) {
            Reading r = rs.get(i);
            g[i] = new RecordGrade("sensor", r.id, plant, sensorId,
                    LocalDateTime.ofEpochSecond(r.epochSecond, 0, ZoneOffset.UTC));
            if (i > 0 && rs.get(i - 1).epochSecond == r.epochSecond) {
                g[i].test("duplicate", Flag.SUSPECT, "same timestamp as record " + rs.get(i - 1).id);
            } else if (elsewhere.contains(r.epochSecond)) {
                g[i].test("duplicate", Flag.SUSPECT, "this timestamp was already logged by another upload");
            } else {
                g[i].good("duplicate");
            }
            if (r.missing()) {
                g[i].test("missing", Flag.MISSING, r.raw == null || r.raw.isEmpty() ? "empty value"
                        : "'" + r.raw + "' is not a number");
                continue;
            }
            g[i].good("missing");
            t.grossRange(g[i], r.value, unit);
        }
        int lastGood = -1; // last reading not flagged as a spike, for the rate of change
        for (int i = 0; i < n; i++) {
            Reading r = rs.get(i);
            if (r.missing()) {
                continue;
            }
            int p = neighbour(rs, i, -1, gapSec);
            int q = neighbour(rs, i, +1, gapSec);
            if (p < 0 || q < 0) {
                g[i].test("spike", Flag.NOT_EVALUATED, "no reading within " + (long) (gapSec / 60) + " min on "
                        + (p < 0 ? "the left" : "the right"));
            } else {
                double a = rs.get(p).value;
                double b = rs.get(q).value;
                double spike = Math.abs(r.value - (a + b) / 2) - Math.abs(b - a) / 2;
                if (spike > spikeFail) {
                    g[i].test("spike", Flag.FAIL, String.format("spike of %.3f (fail above %s)", spike, spikeFail));
                } else if (spike > spikeSuspect) {
                    g[i].test("spike", Flag.SUSPECT, String.format("spike of %.3f (suspect above %s)", spike,
                            spikeSuspect));
                } else {
                    g[i].good("spike");
                }
            }
            if (lastGood < 0 || r.epochSecond - rs.get(lastGood).epochSecond > gapSec) {
                g[i].test("rate_of_change", Flag.NOT_EVALUATED, "no earlier reading within " + (long) (gapSec / 60)
                        + " min");
            } else {
                double minutes = Math.max(1, (r.epochSecond - rs.get(lastGood).epochSecond) / 60.0);
                double perMinute = Math.abs(r.value - rs.get(lastGood).value) / minutes;
                if (perMinute > rate) {
                    g[i].test("rate_of_change", Flag.SUSPECT, String.format("changed %.3f per minute (above %s)",
                            perMinute, rate));
                } else {
                    g[i].good("rate_of_change");
                }
            }
            Flag spike = g[i].flagOf("spike");
            if (spike == null || spike.code < Flag.SUSPECT.code) {
                lastGood = i;
            }
        }
        flatLine(rs, g, t);
        return java.util.Arrays.asList(g);
    }

    private static int neighbour(List<Reading> rs, int i, int dir, double gapSec) {
        for (int j = i + dir; j >= 0 && j < rs.size(); j += dir) {
            if (Math.abs(rs.get(j).epochSecond - rs.get(i).epochSecond) > gapSec) {
                return -1;
            }
            if (!rs.get(j).missing()) {
                return j;
            }
        }
        return -1;
    }

    /** A run of equal values (within tolerance) lasting the suspect or fail duration flags every reading in it. */
    private static void flatLine(List<Reading> rs, RecordGrade[] g, Thresholds t) {
        double tol = t.number("flat_line_tolerance", 0);
        double suspect = t.number("flat_line_suspect_minutes", Double.MAX_VALUE) * 60;
        double fail = t.number("flat_line_fail_minutes", Double.MAX_VALUE) * 60;
        int n = rs.size();
        int start = -1;
        for (int i = 0; i <= n; i++) {
            boolean continues = i < n && !rs.get(i).missing() && start >= 0
                    && Math.abs(rs.get(i).value - rs.get(start).value) <= tol;
            if (continues) {
                continue;
            }
            if (start >= 0) {
                int end = i - 1;
                while (end > start && rs.get(end).missing()) {
                    end--;
                }
                double seconds = rs.get(end).epochSecond - rs.get(start).epochSecond;
                Flag f = seconds >= fail ? Flag.FAIL : seconds >= suspect ? Flag.SUSPECT : Flag.GOOD;
                for (int k = start; k <= end; k++) {
                    if (!rs.get(k).missing()) {
                        g[k].test("flat_line", f, f == Flag.GOOD ? null : String.format(
                                "value %s unchanged for %d min", rs.get(start).value, (long) (seconds / 60)));
                    }
                }
            }
            start = i < n && !rs.get(i).missing() ? i : -1;
        }
    }

    /** Completeness and gaps per day of a series sorted by time. */
    public static List<Day> days(List<Reading> rs, Thresholds t) {
        double gapSec = t.number("gap_minutes", 10) * 60;
        double interval = t.number("expected_interval_minutes", 1);
        Map<LocalDate, int[]> present = new TreeMap<>();
        Map<LocalDate, List<Map<String, Object>>> gaps = new LinkedHashMap<>();
        long lastMinute = Long.MIN_VALUE;
        for (int i = 0; i < rs.size(); i++) {
            Reading r = rs.get(i);
            LocalDate day = LocalDateTime.ofEpochSecond(r.epochSecond, 0, ZoneOffset.UTC).toLocalDate();
            int[] c = present.computeIfAbsent(day, d -> new int[1]);
            long minute = r.epochSecond / 60;
            if (!r.missing() && minute != lastMinute) {
                c[0]++;
                lastMinute = minute;
            }
            if (i > 0 && r.epochSecond - rs.get(i - 1).epochSecond > gapSec) {
                LocalDateTime from = LocalDateTime.ofEpochSecond(rs.get(i - 1).epochSecond, 0, ZoneOffset.UTC);
                LocalDateTime to = LocalDateTime.ofEpochSecond(r.epochSecond, 0, ZoneOffset.UTC);
                Map<String, Object> gap = new LinkedHashMap<>();
                gap.put("from", from.toString());
                gap.put("to", to.toString());
                gap.put("minutes", (r.epochSecond - rs.get(i - 1).epochSecond) / 60);
                gaps.computeIfAbsent(from.toLocalDate(), d -> new ArrayList<>()).add(gap);
            }
        }
        List<Day> out = new ArrayList<>();
        int expected = (int) Math.round(1440 / interval);
        present.forEach((day, c) -> out.add(new Day(day, expected, c[0], 100.0 * c[0] / expected,
                gaps.getOrDefault(day, List.of()))));
        return out;
    }
}
