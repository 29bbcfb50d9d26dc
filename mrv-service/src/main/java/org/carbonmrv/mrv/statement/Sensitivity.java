package org.carbonmrv.mrv.statement;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleBinaryOperator;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * How the period's total answers each input class varied by ±v (upstream calcium, downstream calcium, effluent
 * flow): the total recomputed over the same VALID days with that class scaled by 1 − v and 1 + v, the others as they
 * are. A class, or one day's input, that moves the total by more than the threshold is listed as influential. The
 * days keep their flags: the analysis is of the credited days' total, not of which days would stay creditable.
 */
public final class Sensitivity {

    /** The input classes. */
    public enum Input {
        CA_UPSTREAM, CA_DOWNSTREAM, FLOW
    }

    /** A VALID day's inputs. */
    public record Day(LocalDate day, double flowMgd, double caUpstreamMgPerL, double caDownstreamMgPerL) {
    }

    /** A class varied: the totals at −v and +v and their relative changes. */
    @RegisterForReflection
    public record ClassResult(Input input, double minusTotalCo2T, double plusTotalCo2T, double minusChange,
            double plusChange, boolean influential) {
    }

    /** One day's input whose variation alone moves the total by more than the threshold. */
    @RegisterForReflection
    public record InfluentialInput(LocalDate day, Input input, double change) {
    }

    @RegisterForReflection
    public record Result(double variation, double threshold, double totalCo2T, List<ClassResult> classes,
            List<InfluentialInput> influentialInputs) {
    }

    private Sensitivity() {
    }

    /** @param co2 t CO₂ of a day from its calcium gain (mg/L) and flow (MGD): the methodology's formula */
    public static Result run(List<Day> days, double variation, double threshold, DoubleBinaryOperator co2) {
        double base = total(days, null, null, 1, co2);
        List<ClassResult> classes = new ArrayList<>();
        List<InfluentialInput> influential = new ArrayList<>();
        for (Input input : Input.values()) {
            double minus = total(days, input, null, 1 - variation, co2);
            double plus = total(days, input, null, 1 + variation, co2);
            double minusChange = change(minus, base);
            double plusChange = change(plus, base);
            classes.add(new ClassResult(input, minus, plus, minusChange, plusChange,
                    Math.max(Math.abs(minusChange), Math.abs(plusChange)) > threshold));
            for (Day d : days) {
                double worst = Math.max(Math.abs(change(total(days, input, d.day(), 1 - variation, co2), base)),
                        Math.abs(change(total(days, input, d.day(), 1 + variation, co2), base)));
                if (worst > threshold) {
                    influential.add(new InfluentialInput(d.day(), input, worst));
                }
            }
        }
        return new Result(variation, threshold, base, classes, influential);
    }

    /** The total with {@code input} scaled by {@code factor} (on every day, or on {@code only}). */
    private static double total(List<Day> days, Input input, LocalDate only, double factor,
            DoubleBinaryOperator co2) {
        double total = 0;
        for (Day d : days) {
            double f = only == null || only.equals(d.day()) ? factor : 1;
            double up = d.caUpstreamMgPerL() * (input == Input.CA_UPSTREAM ? f : 1);
            double down = d.caDownstreamMgPerL() * (input == Input.CA_DOWNSTREAM ? f : 1);
            double flow = d.flowMgd() * (input == Input.FLOW ? f : 1);
            total += co2.applyAsDouble(down - up, flow);
        }
        return total;
    }

    private static double change(double total, double base) {
        return base == 0 ? 0 : (total - base) / Math.abs(base);
    }
}
