package org.carbonmrv.mrv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.carbonmrv.mrv.removal.DailyFigure;
import org.carbonmrv.mrv.removal.DayInputs;
import org.carbonmrv.mrv.removal.InputRecord;
import org.carbonmrv.mrv.removal.Methodology;
import org.carbonmrv.mrv.removal.RemovalCalculator;
import org.carbonmrv.mrv.removal.RemovalFlag;
import org.junit.jupiter.api.Test;

/** A day worked by hand (numbers in the comments), and the order of the flags. */
class RemovalCalculatorTest {

    private static final Methodology M = new Methodology(1, 0.03, 0.05, 1.645, "primary_clarifier",
            "secondary_clarifier", "calcium");

    private static InputRecord lab(String role, long id, double value, Double u, int flag) {
        return new InputRecord(role, "lab", id, 1, "lab.csv", null, (int) id, "U" + id, value, u, null, flag, flag,
                null, 1, List.of());
    }

    private static InputRecord ops(Double flow, int flag) {
        return new InputRecord("ops", "ops", 99, 2, "ops.xlsx", "S", 5, null, flow, null, 0.0, flag, flag, null, 1,
                List.of());
    }

    private static DayInputs day(InputRecord ops, InputRecord... lab) {
        DayInputs d = new DayInputs("P", LocalDate.of(2024, 7, 2));
        d.ops = ops;
        d.lab.addAll(List.of(lab));
        return d;
    }

    @Test
    void handWorkedDay() {
        // upstream 40 (u 0.4) and 42 (no u: 3 % = 1.26) -> mean 41, u = sqrt(0.16 + 1.5876) / 2 = 0.660984
        // downstream 50 (u 0.5) -> mean 50, u 0.5; delta 9 mg/L; flow 10 MGD
        // K = 3785.41 * 1000 * (100.0869/40.078) * (44.0095/100.0869) / 1e9 = 0.0041567444 t per (mg/L * MGD)
        // co2 = 9 * 10 * K = 0.374107; u_ca = 10 K sqrt(0.660984² + 0.5²) = 0.034451; u_flow = 90 K * 0.05 = 0.018705
        // u = 0.039201; conservative = 0.374107 - 1.645 * 0.039201 = 0.309621
        DailyFigure f = RemovalCalculator.compute(day(ops(10.0, 1), lab("ca_upstream", 1, 40, 0.4, 1),
                lab("ca_upstream", 2, 42, null, 3), lab("ca_downstream", 3, 50, 0.5, 1)), M);
        double k = 3785.41 * 1000 * (100.0869 / 40.078) * (44.0095 / 100.0869) / 1e9;
        assertEquals(0.0041567444, k, 1e-10);
        assertEquals(RemovalFlag.VALID, f.flag());
        assertEquals(41.0, f.caUpstreamMgPerL());
        assertEquals(50.0, f.caDownstreamMgPerL());
        assertEquals(9 * 10 * k, f.co2T(), 1e-15);
        double uUp = Math.sqrt(0.4 * 0.4 + 1.26 * 1.26) / 2;
        double uCa = k * 10 * Math.sqrt(uUp * uUp + 0.25);
        double uFlow = k * 9 * 10 * 0.05;
        assertEquals(0.660984, uUp, 1e-6);
        assertEquals(0.034451, uCa, 1e-6);
        assertEquals(0.374107, f.co2T(), 1e-6);
        assertEquals(0.018705, uFlow, 1e-6);
        assertEquals(uCa, f.uCo2CaT(), 1e-15);
        assertEquals(uFlow, f.uCo2FlowT(), 1e-15);
        assertEquals(0.039201, f.uCo2T(), 1e-6);
        assertEquals(0.309621, f.conservativeCo2T(), 1e-6);
        assertTrue(f.needsReview(), "a SUSPECT reading was used");
    }

    /**
     * The fingerprint of a figure is stored with it: the same inputs must give the same fingerprint as in earlier
     * versions of this service, or every stored day would get a spurious new version.
     */
    @Test
    void fingerprintIsStableAcrossReleases() {
        DailyFigure f = RemovalCalculator.compute(day(ops(10.0, 1), lab("ca_upstream", 1, 40, 0.4, 1),
                lab("ca_upstream", 2, 42, null, 3), lab("ca_downstream", 3, 50, 0.5, 9)), M);
        assertEquals("30054e73d7c001f27b10cec4882feec42ed52b99b5877cc498a44ef43ce7432e", f.fingerprint(),
                "the fingerprint earlier releases stored for these inputs");
    }

    @Test
    void flagsInOrder() {
        assertEquals(RemovalFlag.NO_OPS_DATA, RemovalCalculator.compute(day(null,
                lab("ca_upstream", 1, 40, 0.4, 1)), M).flag());
        assertEquals(RemovalFlag.INVALID_FLOW, RemovalCalculator.compute(day(ops(0.0, 4)), M).flag());
        assertEquals(RemovalFlag.INVALID_FLOW, RemovalCalculator.compute(day(ops(5.0, 4),
                lab("ca_upstream", 1, 40, 0.4, 1), lab("ca_downstream", 2, 50, 0.4, 1)), M).flag(),
                "a flow graded FAIL is not used even when positive");
        DailyFigure failedDown = RemovalCalculator.compute(day(ops(5.0, 1), lab("ca_upstream", 1, 40, 0.4, 1),
                lab("ca_downstream", 2, 50, 0.4, 4)), M);
        assertEquals(RemovalFlag.MISSING_CA_READINGS, failedDown.flag());
        assertNull(failedDown.co2T());
        assertEquals(40.0, failedDown.caUpstreamMgPerL());
        DailyFigure invalid = RemovalCalculator.compute(day(ops(5.0, 1), lab("ca_upstream", 1, 40, 0.4, 1),
                lab("ca_downstream", 2, 39, 0.4, 1)), M);
        assertEquals(RemovalFlag.INVALID, invalid.flag());
        assertTrue(invalid.co2T() < 0);
        assertFalse(invalid.needsReview());
    }
}
