package org.carbonmrv.qaqc.grading;

import org.carbonmrv.common.vocabulary.QartodFlag;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * QARTOD-style tests of one sensor's minute series, sorted by time: duplicate timestamp, missing value, gross range,
 * spike, rate of change, flat line (stuck probe); and, per day, the completeness and the gaps. Results are kept
 * in primitive columns (one flag per test and reading, reasons only where a test did not pass) so that a million
 * readings grade in a bounded heap.
 */
public final class SensorGrader {

    /** Test names, in the order of {@link Result#flags}. */
    public static final List<String> TESTS = List.of("duplicate", "missing", "gross_range", "spike", "rate_of_change",
            "flat_line", "calibration_due");
    static final int DUPLICATE = 0;
    static final int MISSING = 1;
    static final int RANGE = 2;
    static final int SPIKE = 3;
    static final int ROC = 4;
    static final int FLAT = 5;
    static final int CALIBRATION = 6;
    /** Not run: the reading is missing, so only the first two tests apply. */
    static final byte NONE = 0;

    /** Completeness of one day of one sensor. */
    public record Day(LocalDate day, int expectedMinutes, int presentMinutes, double completenessPct,
            List<Map<String, Object>> gaps) {
    }

    /**
     * flags[test][reading] (0: not run) and sparse reasons[test][reading]; a reading's aggregate flag is that of its
     * outcome ({@link SensorOutcomes#flag}).
     */
    public record Result(SensorSeries series, byte[][] flags, String[][] reasons) {
    }

    private SensorGrader() {
    }

    /**
     * @param elsewhere    sorted instants (epoch seconds) of this sensor already logged by earlier uploads
     * @param calibrations sorted instants of the sensor's calibrations
     */
    public static Result grade(SensorSeries s, Thresholds t, long[] elsewhere, long[] calibrations) {
        int n = s.size;
        byte[][] f = new byte[TESTS.size()][n];
        String[][] why = new String[TESTS.size()][];
        double gapSec = t.number("gap_minutes", 10) * 60;
        double spikeSuspect = t.number("spike_suspect", Double.MAX_VALUE);
        double spikeFail = t.number("spike_fail", Double.MAX_VALUE);
        double rate = t.number("rate_of_change_per_minute", Double.MAX_VALUE);
        for (int i = 0; i < n; i++) {
            if (i > 0 && s.epoch[i - 1] == s.epoch[i]) {
                set(f, why, DUPLICATE, i, n, QartodFlag.SUSPECT, "same timestamp as record " + s.ids[i - 1]);
            } else if (elsewhere.length > 0 && Arrays.binarySearch(elsewhere, s.epoch[i]) >= 0) {
                set(f, why, DUPLICATE, i, n, QartodFlag.SUSPECT, "this timestamp was already logged by another upload");
            } else {
                f[DUPLICATE][i] = (byte) QartodFlag.GOOD.code;
            }
            if (s.missing(i)) {
                set(f, why, MISSING, i, n, QartodFlag.MISSING, s.raw[i] == null || s.raw[i].isEmpty() ? "empty value"
                        : "'" + s.raw[i] + "' is not a number");
                continue;
            }
            f[MISSING][i] = (byte) QartodFlag.GOOD.code;
            Thresholds.Verdict range = t.range(s.values[i], null);
            if (range.flag() == QartodFlag.GOOD) {
                f[RANGE][i] = (byte) QartodFlag.GOOD.code;
            } else {
                set(f, why, RANGE, i, n, range.flag(), range.reason());
            }
        }
        int lastGood = -1; // last reading not flagged as a spike, for the rate of change
        for (int i = 0; i < n; i++) {
            if (s.missing(i)) {
                continue;
            }
            double v = s.values[i];
            int p = neighbour(s, i, -1, gapSec);
            int q = neighbour(s, i, +1, gapSec);
            if (p < 0 || q < 0) {
                set(f, why, SPIKE, i, n, QartodFlag.NOT_EVALUATED, "no reading within " + (long) (gapSec / 60)
                        + " min on " + (p < 0 ? "the left" : "the right"));
            } else {
                double a = s.values[p];
                double b = s.values[q];
                double spike = Math.abs(v - (a + b) / 2) - Math.abs(b - a) / 2;
                if (spike > spikeFail) {
                    set(f, why, SPIKE, i, n, QartodFlag.FAIL, "spike of " + fixed3(spike) + " (fail above " + spikeFail
                            + ")");
                } else if (spike > spikeSuspect) {
                    set(f, why, SPIKE, i, n, QartodFlag.SUSPECT, "spike of " + fixed3(spike) + " (suspect above "
                            + spikeSuspect + ")");
                } else {
                    f[SPIKE][i] = (byte) QartodFlag.GOOD.code;
                }
            }
            if (lastGood < 0 || s.epoch[i] - s.epoch[lastGood] > gapSec) {
                set(f, why, ROC, i, n, QartodFlag.NOT_EVALUATED, "no earlier reading within " + (long) (gapSec / 60)
                        + " min");
            } else {
                double minutes = Math.max(1, (s.epoch[i] - s.epoch[lastGood]) / 60.0);
                double perMinute = Math.abs(v - s.values[lastGood]) / minutes;
                if (perMinute > rate) {
                    set(f, why, ROC, i, n, QartodFlag.SUSPECT, "changed " + fixed3(perMinute) + " per minute (above "
                            + rate + ")");
                } else {
                    f[ROC][i] = (byte) QartodFlag.GOOD.code;
                }
            }
            if (f[SPIKE][i] < QartodFlag.SUSPECT.code) {
                lastGood = i;
            }
        }
        flatLine(s, f, why, t);
        calibrationDue(s, f, why, t, calibrations);
        return new Result(s, f, why);
    }

    /**
     * A reading taken more than {@code calibration_interval_days} after the sensor's last calibration, or with none on
     * record before it, is SUSPECT; without that threshold the test does not run.
     */
    private static void calibrationDue(SensorSeries s, byte[][] f, String[][] why, Thresholds t, long[] calibrations) {
        Double days = t.number("calibration_interval_days");
        if (days == null) {
            return;
        }
        long limit = Math.round(days * 86_400);
        int c = -1; // the last calibration at or before the reading (readings and calibrations in time order)
        for (int i = 0; i < s.size; i++) {
            while (c + 1 < calibrations.length && calibrations[c + 1] <= s.epoch[i]) {
                c++;
            }
            if (s.missing(i)) {
                continue;
            }
            if (c < 0) {
                set(f, why, CALIBRATION, i, s.size, QartodFlag.SUSPECT, "no calibration on record before this "
                        + "reading (due every " + fixed3(days) + " days)");
            } else if (s.epoch[i] - calibrations[c] > limit) {
                set(f, why, CALIBRATION, i, s.size, QartodFlag.SUSPECT, "last calibrated "
                        + (s.epoch[i] - calibrations[c]) / 86_400 + " days before (due every " + fixed3(days)
                        + " days)");
            } else {
                f[CALIBRATION][i] = (byte) QartodFlag.GOOD.code;
            }
        }
    }

    /**
     * Three decimals, as {@code String.format("%.3f")} gives them (half up from the shortest decimal of the value),
     * without a Formatter per flagged reading: on the benchmark's noisy data a flight recording put a tenth of the
     * grading samples in that formatting.
     */
    static String fixed3(double v) {
        return java.math.BigDecimal.valueOf(v).setScale(3, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    private static void set(byte[][] f, String[][] why, int test, int i, int n, QartodFlag flag, String reason) {
        f[test][i] = (byte) flag.code;
        if (why[test] == null) {
            why[test] = new String[n];
        }
        why[test][i] = reason;
    }

    private static int neighbour(SensorSeries s, int i, int dir, double gapSec) {
        for (int j = i + dir; j >= 0 && j < s.size; j += dir) {
            if (Math.abs(s.epoch[j] - s.epoch[i]) > gapSec) {
                return -1;
            }
            if (!s.missing(j)) {
                return j;
            }
        }
        return -1;
    }

    /** A run of equal values (within tolerance) lasting the suspect or fail duration flags every reading in it. */
    private static void flatLine(SensorSeries s, byte[][] f, String[][] why, Thresholds t) {
        double tol = t.number("flat_line_tolerance", 0);
        double suspect = t.number("flat_line_suspect_minutes", Double.MAX_VALUE) * 60;
        double fail = t.number("flat_line_fail_minutes", Double.MAX_VALUE) * 60;
        int n = s.size;
        int start = -1;
        for (int i = 0; i <= n; i++) {
            boolean continues = i < n && !s.missing(i) && start >= 0 && Math.abs(s.values[i] - s.values[start]) <= tol;
            if (continues) {
                continue;
            }
            if (start >= 0) {
                int end = i - 1;
                while (end > start && s.missing(end)) {
                    end--;
                }
                double seconds = s.epoch[end] - s.epoch[start];
                QartodFlag flag = seconds >= fail ? QartodFlag.FAIL : seconds >= suspect ? QartodFlag.SUSPECT : QartodFlag.GOOD;
                String reason = flag == QartodFlag.GOOD ? null
                        : String.format("value %s unchanged for %d min", s.values[start], (long) (seconds / 60));
                for (int k = start; k <= end; k++) {
                    if (!s.missing(k)) {
                        if (reason == null) {
                            f[FLAT][k] = (byte) QartodFlag.GOOD.code;
                        } else {
                            set(f, why, FLAT, k, n, flag, reason);
                        }
                    }
                }
            }
            start = i < n && !s.missing(i) ? i : -1;
        }
    }

    /**
     * Completeness and gaps per local day of a series sorted by time: a day's expected readings are its own minutes
     * (1,380 when clocks spring forward, 1,500 when they fall back) over the expected interval.
     */
    public static List<Day> days(SensorSeries s, Thresholds t) {
        double gapSec = t.number("gap_minutes", 10) * 60;
        double interval = t.number("expected_interval_minutes", 1);
        LocalClock clock = new LocalClock(s.zone);
        Map<LocalDate, int[]> present = new TreeMap<>();
        Map<LocalDate, List<Map<String, Object>>> gaps = new LinkedHashMap<>();
        long lastMinute = Long.MIN_VALUE;
        long currentDay = Long.MIN_VALUE;
        int[] c = null;
        for (int i = 0; i < s.size; i++) {
            long localDay = clock.localDay(s.epoch[i]);
            if (localDay != currentDay) { // sorted by time: a day's readings are consecutive
                currentDay = localDay;
                c = present.computeIfAbsent(LocalDate.ofEpochDay(localDay), d -> new int[1]);
            }
            long minute = Math.floorDiv(s.epoch[i], 60);
            if (!s.missing(i) && minute != lastMinute) {
                c[0]++;
                lastMinute = minute;
            }
            if (i > 0 && s.epoch[i] - s.epoch[i - 1] > gapSec) {
                Map<String, Object> gap = new LinkedHashMap<>();
                gap.put("from", clock.local(s.epoch[i - 1]));
                gap.put("to", clock.local(s.epoch[i]));
                gap.put("minutes", (s.epoch[i] - s.epoch[i - 1]) / 60);
                gaps.computeIfAbsent(LocalDate.ofEpochDay(clock.localDay(s.epoch[i - 1])), d -> new ArrayList<>())
                        .add(gap);
            }
        }
        List<Day> out = new ArrayList<>();
        present.forEach((day, count) -> {
            int expected = (int) Math.round(clock.minutesIn(day) / interval);
            out.add(new Day(day, expected, count[0], 100.0 * count[0] / expected, gaps.getOrDefault(day, List.of())));
        });
        return out;
    }
}
