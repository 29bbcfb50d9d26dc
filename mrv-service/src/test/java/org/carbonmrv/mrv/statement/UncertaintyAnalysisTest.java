package org.carbonmrv.mrv.statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The statement's Monte Carlo and sensitivity analysis, on small periods worked by hand. */
class UncertaintyAnalysisTest {

    private static final LocalDate D1 = LocalDate.parse("2024-07-01");
    private static final LocalDate D2 = LocalDate.parse("2024-07-02");

    /** Two days, co2 = Δ·Q (factor 1): day 1 Q 10, 40 → 50 (100 t); day 2 Q 20, 30 → 32 (40 t); total 140. */
    private static final List<Sensitivity.Day> DAYS = List.of(new Sensitivity.Day(D1, 10, 40, 50),
            new Sensitivity.Day(D2, 20, 30, 32));

    @Test
    void eachInputClassVariedByTwentyPercent() {
        Sensitivity.Result r = Sensitivity.run(DAYS, 0.2, 0.01, (delta, q) -> delta * q);
        assertEquals(140, r.totalCo2T(), 1e-12);
        // upstream ×0.8: (50 − 32)·10 + (32 − 24)·20 = 180 + 160 = 340; ×1.2: (50 − 48)·10 + (32 − 36)·20 = −60
        check(r.classes().get(0), Sensitivity.Input.CA_UPSTREAM, 340, -60);
        // downstream ×0.8: (40 − 40)·10 + (25.6 − 30)·20 = −88; ×1.2: (60 − 40)·10 + (38.4 − 30)·20 = 368
        check(r.classes().get(1), Sensitivity.Input.CA_DOWNSTREAM, -88, 368);
        // flow ×0.8 and ×1.2: the total scales with it, 112 and 168
        check(r.classes().get(2), Sensitivity.Input.FLOW, 112, 168);
        assertEquals(-0.2, r.classes().get(2).minusChange(), 1e-12);
        // one day's upstream ×0.8 alone: day 1 gives 180 + 40 = 220 (+57 %); day 2 gives 100 + 160 = 260 (+86 %)
        var day1Up = r.influentialInputs().stream().filter(i -> i.day().equals(D1) && i.input()
                == Sensitivity.Input.CA_UPSTREAM).findFirst().orElseThrow();
        assertEquals((220.0 - 140) / 140, day1Up.change(), 1e-12);
        assertEquals(6, r.influentialInputs().size(), "every day's every input moves so small a total by > 1 %");
    }

    @Test
    void anInputThatMovesTheTotalLessThanTheThresholdIsNotListed() {
        // a 1,000-day period of identical days: one day's ±20 % on flow moves the total by 0.02 %
        List<Sensitivity.Day> days = java.util.stream.IntStream.range(0, 1000).mapToObj(i -> new Sensitivity.Day(
                D1.plusDays(i), 10, 40, 50)).toList();
        Sensitivity.Result r = Sensitivity.run(days, 0.2, 0.01, (delta, q) -> delta * q);
        assertTrue(r.influentialInputs().isEmpty(), r.influentialInputs().toString());
        assertTrue(r.classes().stream().allMatch(Sensitivity.ClassResult::influential));
    }

    private static void check(Sensitivity.ClassResult c, Sensitivity.Input input, double minus, double plus) {
        assertEquals(input, c.input());
        assertEquals(minus, c.minusTotalCo2T(), 1e-9);
        assertEquals(plus, c.plusTotalCo2T(), 1e-9);
        assertEquals((minus - 140) / 140, c.minusChange(), 1e-12);
        assertEquals((plus - 140) / 140, c.plusChange(), 1e-12);
    }

    @Test
    void monteCarloAgreesWithTheFirstOrderFigureAndIsDeterministic() {
        // three days: co2 1.0, 2.0, 3.0 t; u_ca 0.10, 0.20, 0.10; u_flow 5 % of each (0.05, 0.10, 0.15).
        // First order: total 6.0; u = √(0.1² + 0.2² + 0.1² + (0.05 + 0.10 + 0.15)²) = √(0.06 + 0.09) = 0.3873
        List<MonteCarlo.Day> days = List.of(new MonteCarlo.Day(1.0, 0.10, 0.05), new MonteCarlo.Day(2.0, 0.20, 0.10),
                new MonteCarlo.Day(3.0, 0.10, 0.15));
        MonteCarlo.Result r = MonteCarlo.run(days, 40_000, 42, 5);
        double u = Math.sqrt(0.06 + 0.09);
        assertTrue(Math.abs(r.meanCo2T() - 6.0) < 4 * r.standardErrorOfMeanCo2T(), r.toString());
        assertEquals(u, r.standardDeviationCo2T(), 0.02 * u, "the draws' spread is the first-order u");
        // nearly normal: the 5th percentile is close to total − 1.645·u = 5.3629
        assertEquals(6.0 - 1.645 * u, r.creditedCo2T(), 0.02);
        assertEquals(r, MonteCarlo.run(days, 40_000, 42, 5), "the same seed, the same draws");
        assertFalse(r.equals(MonteCarlo.run(days, 40_000, 43, 5)));
    }

    @Test
    void withoutUncertaintyEveryDrawIsTheEstimate() {
        MonteCarlo.Result r = MonteCarlo.run(List.of(new MonteCarlo.Day(2.5, 0, 0)), 100, 1, 5);
        assertEquals(2.5, r.meanCo2T(), 1e-12);
        assertEquals(0, r.standardDeviationCo2T(), 1e-12);
        assertEquals(2.5, r.creditedCo2T(), 1e-12);
    }

    @Test
    void percentilesInterpolateBetweenRanksAsSpreadsheetsDo() {
        // PERCENTILE({1,2,3,4,5}, 0.05) = 1 + 0.05·4·(2 − 1) = 1.2
        assertEquals(1.2, MonteCarlo.percentile(new double[] {1, 2, 3, 4, 5}, 5), 1e-12);
        assertEquals(5, MonteCarlo.percentile(new double[] {1, 2, 3, 4, 5}, 100), 1e-12);
    }
}
