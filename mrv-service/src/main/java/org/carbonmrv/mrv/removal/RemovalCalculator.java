package org.carbonmrv.mrv.removal;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** The daily figure of one plant-day from its inputs: a pure function of the inputs and the methodology. */
public final class RemovalCalculator {

    private RemovalCalculator() {
    }

    /** Mean of a side and its standard uncertainty. */
    record Side(double mean, double u, int n) {
    }

    public static DailyFigure compute(DayInputs in, Methodology m) {
        List<Lineage.Entry> lineage = new ArrayList<>();
        List<String> review = new ArrayList<>();
        TreeSet<Integer> configVersions = new TreeSet<>();
        List<InputRecord> up = new ArrayList<>();
        List<InputRecord> down = new ArrayList<>();

        InputRecord ops = in.ops;
        Double flow = ops == null ? null : ops.value();
        String flowProblem = null; // why the day's flow cannot be used, if it cannot
        if (ops != null) {
            if (flow == null || flow.isNaN()) {
                flowProblem = "effluent flow missing";
            } else if (ops.qartodFlag().map(org.carbonmrv.common.vocabulary.QartodFlag::excludes).orElse(false)) {
                flowProblem = "effluent flow graded " + ops.flagName() + " by qaqc";
            } else if (flow <= 0) {
                flowProblem = "effluent flow " + flow + " MGD is not positive";
            }
            lineage.add(new Lineage.Entry(ops, flowProblem == null, flowProblem, null));
            if (flowProblem == null) {
                reviewIfNeeded(ops, review);
            }
            addVersion(ops, configVersions);
        }
        for (InputRecord r : in.lab) {
            boolean use = r.usable();
            String why = use ? null : r.value() == null ? "no numeric value" : "graded " + r.flagName() + " by qaqc";
            lineage.add(new Lineage.Entry(r, use, why, use ? uncertainty(r, m) : null));
            addVersion(r, configVersions);
            if (use) {
                ("ca_upstream".equals(r.role()) ? up : down).add(r);
                reviewIfNeeded(r, review);
            }
        }
        Side upSide = side(up, m);
        Side downSide = side(down, m);
        Double caUp = upSide == null ? null : upSide.mean;
        Double caDown = downSide == null ? null : downSide.mean;

        RemovalFlag flag;
        String message;
        Double delta = null;
        Double co2 = null;
        Double u = null;
        Double uCa = null;
        Double uFlow = null;
        Double conservative = null;
        if (ops == null) {
            flag = RemovalFlag.NO_OPS_DATA;
            message = "no operations record for " + in.plant + " on " + in.day;
        } else if (flowProblem != null) {
            flag = RemovalFlag.INVALID_FLOW;
            message = flowProblem;
        } else if (upSide == null || downSide == null) {
            flag = RemovalFlag.MISSING_CA_READINGS;
            message = missing(upSide, downSide, in, m);
        } else {
            delta = caDown - caUp;
            co2 = Methodology.co2Tonnes(delta, flow);
            uCa = Methodology.CO2_T_PER_MG_L_MGD * flow * Math.hypot(upSide.u, downSide.u);
            uFlow = Methodology.CO2_T_PER_MG_L_MGD * Math.abs(delta) * flow * m.flowRelative;
            u = Math.hypot(uCa, uFlow);
            conservative = co2 - m.coverageFactor * u;
            if (delta <= 0) {
                flag = RemovalFlag.INVALID;
                message = "calcium did not rise: downstream " + caDown + " mg/L - upstream " + caUp + " mg/L = "
                        + delta + " mg/L <= 0; not creditable";
            } else {
                flag = RemovalFlag.VALID;
                message = "calcium rose by " + delta + " mg/L (" + upSide.n + " upstream, " + downSide.n
                        + " downstream readings) at " + flow + " MGD";
            }
        }
        boolean needsReview = !review.isEmpty();
        String fingerprint = fingerprint(m.id, flag, message, needsReview, new Double[] {flow, caUp, caDown, co2, u,
                conservative}, lineage);
        return new DailyFigure(in.plant, in.day, flag, message, needsReview, review, flow, caUp, caDown, delta,
                upSide == null ? 0 : upSide.n, downSide == null ? 0 : downSide.n, co2, u, uCa, uFlow, conservative,
                List.copyOf(configVersions), m.id, lineage, fingerprint);
    }

    private static String missing(Side up, Side down, DayInputs in, Methodology m) {
        List<String> sides = new ArrayList<>();
        if (up == null) {
            sides.add("upstream (" + m.upstreamPoint + ")");
        }
        if (down == null) {
            sides.add("downstream (" + m.downstreamPoint + ")");
        }
        long excluded = in.lab.stream().filter(r -> !r.usable()).count();
        return "no usable " + String.join(" or ", sides) + " calcium reading"
                + (excluded > 0 ? " (" + excluded + " reading(s) excluded: FAIL, MISSING or not numeric)" : "");
    }

    /** First-order GUM: u(mean) = sqrt(Σ u_i²) / n for independent readings. */
    private static Side side(List<InputRecord> readings, Methodology m) {
        if (readings.isEmpty()) {
            return null;
        }
        double sum = 0;
        double u2 = 0;
        for (InputRecord r : readings) {
            sum += r.value();
            double u = uncertainty(r, m);
            u2 += u * u;
        }
        int n = readings.size();
        return new Side(sum / n, Math.sqrt(u2) / n, n);
    }

    /** The reading's standard uncertainty, or the configured relative default when it reports none. */
    private static double uncertainty(InputRecord r, Methodology m) {
        return r.uncertainty() != null && !r.uncertainty().isNaN() ? r.uncertainty()
                : Math.abs(r.value()) * m.caDefaultRelative;
    }

    private static void reviewIfNeeded(InputRecord r, List<String> review) {
        if (r.needsReview()) {
            review.add(r.role() + " record " + r.recordId() + " is " + r.flagName()
                    + (r.qaqcReasons() == null || r.qaqcReasons().isEmpty() ? "" : ": " + String.join("; ",
                            r.qaqcReasons())));
        }
    }

    private static void addVersion(InputRecord r, TreeSet<Integer> versions) {
        if (r.qaqcConfigVersion() != null) {
            versions.add(r.qaqcConfigVersion());
        }
    }

    private static String fingerprint(int methodologyId, RemovalFlag flag, String message, boolean needsReview,
            Double[] numbers, List<Lineage.Entry> lineage) {
        StringBuilder b = new StringBuilder().append(methodologyId).append('|').append(flag).append('|')
                .append(message).append('|').append(needsReview);
        for (Double d : numbers) {
            b.append('|').append(d);
        }
        Lineage.fingerprint(lineage, b);
        return RecomputeService.sha256(b.toString());
    }
}
