package org.carbonmrv.mrv.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The dashboard's number formatting against the JDK's Formatter, which it replaces on the hot path. */
class DashboardFormatTest {

    @Test
    void groupedIsStringFormatDigitForDigit() {
        double[] edges = {0, -0.0, 0.0005, 0.0015, 0.00049999, -0.0004, 1, -1, 999.9995, 999_999.5, 1_234_567.891,
            -1_234_567.891, 1e-12, 5e-324, 1.0E15, 123456789012.3456, 2.675, 1.005, Double.MAX_VALUE / 1e290,
            Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double d : edges) {
            for (int digits = 0; digits <= 6; digits++) {
                assertSame(d, digits);
            }
        }
        Random random = new Random(3);
        for (int i = 0; i < 200_000; i++) {
            double d = switch (i % 4) {
                case 0 -> random.nextDouble() * 1000;
                case 1 -> (random.nextDouble() - 0.5) * 1e7;
                case 2 -> Math.round(random.nextDouble() * 1e6) / 1e3 + 0.0005; // halves at the 3rd digit
                default -> Double.longBitsToDouble(random.nextLong()) % 1e9;
            };
            assertSame(d, random.nextInt(7));
        }
    }

    private static void assertSame(double d, int digits) {
        assertEquals(String.format(Locale.ROOT, "%,." + digits + "f", d), DashboardFormat.grouped(d, digits),
                d + " to " + digits);
    }
}
