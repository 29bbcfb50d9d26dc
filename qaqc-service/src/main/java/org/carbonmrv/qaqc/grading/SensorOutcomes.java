package org.carbonmrv.qaqc.grading;

import org.carbonmrv.common.vocabulary.QartodFlag;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The distinct outcomes of one job's sensor tests, numbered in order of first use: which tests ran, each one's flag
 * and the reasons of those that did not pass. Outcome 0 is every test run and GOOD, which most readings share; a
 * reason names its value (a spike's size, a stuck value), so flagged readings mostly get outcomes of their own.
 */
final class SensorOutcomes {

    /** Outcome 0: every test GOOD. */
    static final int ALL_GOOD = 0;
    /** Outcome 1: every test GOOD but the calibration test, which did not run (no interval configured). */
    static final int ALL_GOOD_UNCALIBRATED = 1;

    private final Map<List<Object>, Integer> numbers = new HashMap<>();
    /** Per outcome: each test's flag in the order of {@link SensorGrader#TESTS}, 0 where it did not run. */
    private final List<byte[]> flags = new ArrayList<>();
    /** Per outcome: each test's reason, null where it gave none. */
    private final List<String[]> reasons = new ArrayList<>();

    SensorOutcomes() {
        byte[] good = new byte[SensorGrader.TESTS.size()];
        Arrays.fill(good, (byte) QartodFlag.GOOD.code);
        String[] none = new String[good.length];
        add(key(good, none), good, none);
        byte[] uncalibrated = good.clone();
        uncalibrated[SensorGrader.CALIBRATION] = SensorGrader.NONE;
        add(key(uncalibrated, none), uncalibrated, none);
    }

    /** The outcome of reading {@code i} of a graded series. */
    int of(SensorGrader.Result r, int i) {
        byte[][] f = r.flags();
        String[][] why = r.reasons();
        boolean allGood = true;
        for (int t = 0; t < SensorGrader.CALIBRATION && allGood; t++) {
            allGood = f[t][i] == QartodFlag.GOOD.code && (why[t] == null || why[t][i] == null);
        }
        byte calibration = f[SensorGrader.CALIBRATION][i];
        if (allGood && (why[SensorGrader.CALIBRATION] == null || why[SensorGrader.CALIBRATION][i] == null)) {
            if (calibration == QartodFlag.GOOD.code) {
                return ALL_GOOD;
            }
            if (calibration == SensorGrader.NONE) {
                return ALL_GOOD_UNCALIBRATED;
            }
        }
        byte[] testFlags = new byte[f.length];
        String[] testReasons = new String[f.length];
        for (int t = 0; t < f.length; t++) {
            testFlags[t] = f[t][i];
            testReasons[t] = why[t] == null ? null : why[t][i];
        }
        List<Object> key = key(testFlags, testReasons);
        Integer known = numbers.get(key);
        return known != null ? known : add(key, testFlags, testReasons);
    }

    private int add(List<Object> key, byte[] testFlags, String[] testReasons) {
        int n = flags.size();
        numbers.put(key, n);
        flags.add(testFlags);
        reasons.add(testReasons);
        return n;
    }

    /** Equal for equal flags and reasons (element by element: no separator that a reason could contain). */
    private static List<Object> key(byte[] testFlags, String[] testReasons) {
        Object[] key = new Object[testFlags.length + 1];
        key[0] = new String(testFlags, java.nio.charset.StandardCharsets.ISO_8859_1);
        System.arraycopy(testReasons, 0, key, 1, testReasons.length);
        return Arrays.asList(key);
    }

    int size() {
        return flags.size();
    }

    /** The aggregate flag of an outcome: the worst of its tests. */
    short flag(int outcome) {
        int worst = 0;
        for (byte b : flags.get(outcome)) {
            worst = Math.max(worst, b);
        }
        return (short) worst;
    }

    /** The tests that ran. */
    List<String> testNames(int outcome) {
        List<String> names = new ArrayList<>();
        byte[] f = flags.get(outcome);
        for (int t = 0; t < f.length; t++) {
            if (f[t] != 0) {
                names.add(SensorGrader.TESTS.get(t));
            }
        }
        return names;
    }

    /** The flags of the tests that ran, in the order of {@link #testNames}. */
    short[] testFlags(int outcome) {
        byte[] f = flags.get(outcome);
        short[] out = new short[f.length];
        int n = 0;
        for (byte b : f) {
            if (b != 0) {
                out[n++] = b;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** "test: reason" for each test that gave a reason. */
    List<String> reasons(int outcome) {
        List<String> out = new ArrayList<>(2);
        String[] why = reasons.get(outcome);
        for (int t = 0; t < why.length; t++) {
            if (why[t] != null) {
                out.add(SensorGrader.TESTS.get(t) + ": " + why[t]);
            }
        }
        return out;
    }
}
