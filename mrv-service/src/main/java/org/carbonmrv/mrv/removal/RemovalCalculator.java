package org.carbonmrv.mrv.removal;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.carbonmrv.mrv.plant.PlantSettings;
import org.carbonmrv.mrv.plant.PlantSettingsReader;

/** The daily figure of one plant-day from its inputs: a pure function of the inputs and the methodology. */
public final class RemovalCalculator {

    private RemovalCalculator() {
    }

    /** Mean of a side and its standard uncertainty. */
    record Side(double mean, double u, int n) {
    }

    /** A calcium input used at a value: its own, or a censored one's conservative bound. */
    private record Used(InputRecord record, double value) {
    }

    /** Everything a day's inputs come to before the flags: lineage, review reasons, sides, flow. */
    private static final class Reading {
        final List<Lineage.Entry> lineage = new ArrayList<>();
        final List<String> review = new ArrayList<>();
        final TreeSet<Integer> configVersions = new TreeSet<>();
        final List<Used> up = new ArrayList<>();
        final List<Used> down = new ArrayList<>();
        Double flow;
        String flowProblem;
    }

    public static DailyFigure compute(DayInputs in, Methodology m) {
        PlantSettings plant = in.settings != null ? in.settings : PlantSettingsReader.defaults(in.plant, m.plantDefaults());
        Reading r = read(in, m);
        Side upSide = side(r.up, m);
        Side downSide = side(r.down, m);
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
        if (in.ops == null) {
            flag = RemovalFlag.NO_OPS_DATA;
            message = "no operations record for " + in.plant + " on " + in.day;
        } else if (r.flowProblem != null) {
            flag = RemovalFlag.INVALID_FLOW;
            message = r.flowProblem;
        } else if (upSide == null || downSide == null) {
            flag = RemovalFlag.MISSING_CA_READINGS;
            message = missing(upSide, downSide, in, plant);
        } else {
            double flow = r.flow;
            delta = caDown - caUp;
            co2 = Methodology.co2Tonnes(delta, flow);
            uCa = Methodology.CO2_T_PER_MG_L_MGD * flow * Math.hypot(upSide.u, downSide.u);
            uFlow = Methodology.CO2_T_PER_MG_L_MGD * Math.abs(delta) * flow * plant.flowRelative();
            u = Math.hypot(uCa, uFlow);
            conservative = co2 - m.coverageFactor * u;
            flag = delta <= 0 ? RemovalFlag.INVALID : RemovalFlag.VALID;
            message = delta <= 0 ? "calcium did not rise: downstream " + caDown + " mg/L - upstream " + caUp
                    + " mg/L = " + delta + " mg/L <= 0; not creditable" : "calcium rose by " + delta + " mg/L ("
                    + upSide.n + " upstream, " + downSide.n + " downstream readings) at " + flow + " MGD";
        }
        boolean needsReview = !r.review.isEmpty();
        String fingerprint = fingerprint(m.id, flag, message, needsReview, new Double[] {r.flow, caUp, caDown, co2, u,
                conservative}, r.lineage);
        return new DailyFigure(in.plant, in.day, flag, message, needsReview, r.review, r.flow, caUp, caDown, delta,
                upSide == null ? 0 : upSide.n, downSide == null ? 0 : downSide.n, co2, u, uCa, uFlow, conservative,
                List.copyOf(r.configVersions), m.id, r.lineage, fingerprint, plant.version());
    }

    /** Each input: used or excluded (and why), its uncertainty, the reasons a reviewer should look at the day. */
    private static Reading read(DayInputs in, Methodology m) {
        Reading r = new Reading();
        InputRecord ops = in.ops;
        if (ops != null) {
            r.flow = ops.value();
            r.flowProblem = flowProblem(ops);
            r.lineage.add(new Lineage.Entry(ops, r.flowProblem == null, r.flowProblem, null, ops.value()));
            if (r.flowProblem == null) {
                reviewIfNeeded(ops, r.review);
            }
            addVersion(ops, r.configVersions);
        }
        for (InputRecord lab : in.lab) {
            Double value = lab.reported().isCensored() && !lab.excludedByFlag() ? m.censoredTreatment.used(lab)
                    : lab.usable() ? lab.value() : null;
            boolean use = value != null;
            String why = excluded(lab, m, use);
            r.lineage.add(new Lineage.Entry(lab, use, why, use ? uncertainty(lab, value, m) : null, value));
            addVersion(lab, r.configVersions);
            if (use) {
                ("ca_upstream".equals(lab.role()) ? r.up : r.down).add(new Used(lab, value));
                reviewIfNeeded(lab, r.review);
                if (lab.reported().isCensored()) {
                    r.review.add(lab.role() + " record " + lab.recordId() + " is " + m.censoredTreatment.why(lab));
                }
            }
        }
        return r;
    }

    /** Why the day's flow cannot be used, or null when it can. */
    private static String flowProblem(InputRecord ops) {
        Double flow = ops.value();
        if (flow == null || flow.isNaN()) {
            return "effluent flow missing";
        }
        if (ops.excludedByFlag()) {
            return "effluent flow graded " + ops.flagName() + " by qaqc";
        }
        return flow <= 0 ? "effluent flow " + flow + " MGD is not positive" : null;
    }

    private static String excluded(InputRecord lab, Methodology m, boolean used) {
        if (used) {
            return null;
        }
        if (lab.excludedByFlag()) {
            return "graded " + lab.flagName() + " by qaqc";
        }
        return lab.reported().isCensored() ? m.censoredTreatment.why(lab) : "no numeric value";
    }

    private static String missing(Side up, Side down, DayInputs in, PlantSettings plant) {
        List<String> sides = new ArrayList<>();
        if (up == null) {
            sides.add("upstream (" + plant.upstreamPoint() + ")");
        }
        if (down == null) {
            sides.add("downstream (" + plant.downstreamPoint() + ")");
        }
        long excluded = in.lab.stream().filter(r -> !r.usable()).count();
        return "no usable " + String.join(" or ", sides) + " calcium reading"
                + (excluded > 0 ? " (" + excluded + " reading(s) excluded: FAIL, MISSING or not numeric)" : "");
    }

    /** First-order GUM: u(mean) = sqrt(Σ u_i²) / n for independent readings. */
    private static Side side(List<Used> readings, Methodology m) {
        if (readings.isEmpty()) {
            return null;
        }
        double sum = 0;
        double u2 = 0;
        for (Used r : readings) {
            sum += r.value;
            double u = uncertainty(r.record, r.value, m);
            u2 += u * u;
        }
        int n = readings.size();
        return new Side(sum / n, Math.sqrt(u2) / n, n);
    }

    /**
     * The reading's standard uncertainty, or the configured relative default of the value used when it reports none
     * (a censored value's bound reports none).
     */
    private static double uncertainty(InputRecord r, double valueUsed, Methodology m) {
        return !r.reported().isCensored() && r.uncertainty() != null && !r.uncertainty().isNaN() ? r.uncertainty()
                : Math.abs(valueUsed) * m.caDefaultRelative;
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
