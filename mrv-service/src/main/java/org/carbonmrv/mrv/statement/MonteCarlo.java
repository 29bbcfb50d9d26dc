package org.carbonmrv.mrv.statement;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The period's total by Monte Carlo, beside its first-order (GUM) figure, on the same input model: each VALID day's
 * calcium term drawn independently, z ~ N(0, 1) times its u_ca; the flow meter's error drawn once per draw for the
 * whole period, e ~ N(0, 1) times each day's relative flow uncertainty (one meter, one calibration: fully correlated
 * between days). A draw's total is Σ (co2 + u_ca·z)·(1 + (u_flow/|co2|)·e). The draws come from java.util.Random with
 * the statement's seed, in day order (nextGaussian is specified: the same seed gives the same draws on any JVM).
 */
public final class MonteCarlo {

    /** A VALID day's estimate and its two uncertainty terms (t). */
    public record Day(double co2T, double uCo2CaT, double uCo2FlowT) {
    }

    /**
     * @param creditedCo2T the credited percentile of the drawn totals
     * @param standardErrorOfMean standardDeviation / √draws: how far the mean may stray from the expectation
     */
    @RegisterForReflection
    public record Result(int draws, long seed, double creditedPercentile, double meanCo2T, double standardDeviationCo2T,
            double standardErrorOfMeanCo2T, double creditedCo2T, String model) {
    }

    static final String MODEL = "total = sum over VALID days of (co2 + u_ca*z_day)*(1 + (u_flow/|co2|)*e), z_day and "
            + "e standard normal (java.util.Random(seed).nextGaussian, days in order, then e, per draw); calcium "
            + "independent between days, the flow meter's error common to all days";

    private MonteCarlo() {
    }

    public static Result run(List<Day> days, int draws, long seed, double creditedPercentile) {
        Random random = new Random(seed);
        double[] relFlow = days.stream().mapToDouble(d -> d.co2T() == 0 ? 0 : d.uCo2FlowT() / Math.abs(d.co2T()))
                .toArray();
        double[] totals = new double[draws];
        double[] calcium = new double[days.size()];
        for (int j = 0; j < draws; j++) {
            for (int d = 0; d < calcium.length; d++) {
                calcium[d] = days.get(d).co2T() + days.get(d).uCo2CaT() * random.nextGaussian();
            }
            double e = random.nextGaussian();
            double total = 0;
            for (int d = 0; d < calcium.length; d++) {
                total += calcium[d] * (1 + relFlow[d] * e);
            }
            totals[j] = total;
        }
        double mean = Arrays.stream(totals).average().orElse(0);
        double sd = Math.sqrt(Arrays.stream(totals).map(t -> (t - mean) * (t - mean)).sum() / Math.max(1, draws - 1));
        Arrays.sort(totals);
        return new Result(draws, seed, creditedPercentile, mean, sd, sd / Math.sqrt(draws), percentile(totals,
                creditedPercentile), MODEL);
    }

    /** The p-th percentile of sorted values, by linear interpolation between closest ranks (as Excel's PERCENTILE). */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        double rank = p / 100 * (sorted.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (rank - lo) * (sorted[hi] - sorted[lo]);
    }
}
