package org.carbonmrv.qaqc.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Parts of the sensor grader that need no database. */
class SensorGraderTest {

    @Test
    void threeDecimalsAsStringFormatGivesThem() {
        Random rnd = new Random(7);
        double[] edges = {0, 0.0005, 0.0015, 1.0005, 2.0005, 0.1 + 0.2, 0.5, 0.5005, 12.3455, 1e-9, 123456.7895,
            Double.MIN_VALUE, 7.0 / 3};
        for (double v : edges) {
            assertEquals(String.format(Locale.ROOT, "%.3f", v), SensorGrader.fixed3(v), "value " + v);
        }
        for (int i = 0; i < 200_000; i++) {
            // spikes and rates of change as the grader sees them: mostly below 5, some far above
            double v = i % 10 == 0 ? rnd.nextDouble() * 1e4 : Math.abs(rnd.nextGaussian()) * 2;
            assertEquals(String.format(Locale.ROOT, "%.3f", v), SensorGrader.fixed3(v), "value " + v);
        }
    }
}
