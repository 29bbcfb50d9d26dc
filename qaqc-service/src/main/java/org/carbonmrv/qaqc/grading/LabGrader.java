package org.carbonmrv.qaqc.grading;

import org.carbonmrv.common.vocabulary.QartodFlag;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Tests of one plant-day of lab readings (all of them, whatever upload they came in): missing value, gross range,
 * uncertainty present, replicate agreement, re-run divergence, both sampling points present, downstream above
 * upstream.
 */
public final class LabGrader {

    /** @param censoring {@code <} or {@code >} when the lab reported a bound (then value is null) */
    public record LabRow(long id, String plant, LocalDate day, String uniqueId, String point, String parameter,
            String unit, Double value, Double uncertainty, String censoring, Double detectionLimit) {
    }

    private LabGrader() {
    }

    /** @param plant the plant's registry entry: its sampling points win over the configuration's */
    static List<RecordGrade> grade(List<LabRow> day, GradingConfig config, PlantRegistry.Entry plant) {
        List<RecordGrade> out = new ArrayList<>();
        Map<String, List<LabRow>> byParameter = day.stream()
                .collect(Collectors.groupingBy(LabRow::parameter, LinkedHashMap::new, Collectors.toList()));
        byParameter.forEach((parameter, rows) -> {
            LabRow first = rows.get(0);
            Thresholds t = config.thresholds("lab", first.plant, parameter, null);
            String upPoint = plant.upstreamPoint() != null ? plant.upstreamPoint()
                    : t.text("upstream_point", "primary_clarifier");
            String downPoint = plant.downstreamPoint() != null ? plant.downstreamPoint()
                    : t.text("downstream_point", "secondary_clarifier");
            Map<String, List<LabRow>> byPoint = rows.stream()
                    .collect(Collectors.groupingBy(LabRow::point, LinkedHashMap::new, Collectors.toList()));
            Map<String, List<LabRow>> byUniqueId = rows.stream().filter(r -> r.uniqueId != null)
                    .collect(Collectors.groupingBy(LabRow::uniqueId));
            Double up = mean(byPoint.get(upPoint));
            Double down = mean(byPoint.get(downPoint));
            for (LabRow r : rows) {
                RecordGrade g = new RecordGrade("lab", r.id, r.plant, parameter, r.day.atStartOfDay());
                out.add(g);
                if (r.value == null && r.censoring != null) {
                    g.good("missing");
                    g.test("censored", QartodFlag.SUSPECT, "reported " + r.censoring + (r.detectionLimit == null
                            ? " the detection limit (not stated)" : " " + r.detectionLimit + " " + unit(r))
                            + ": a bound, not a measured value");
                    continue;
                }
                if (r.value == null) {
                    g.test("missing", QartodFlag.MISSING, "the value is not a number");
                    continue;
                }
                g.good("missing");
                t.grossRange(g, r.value, r.unit == null ? "" : r.unit);
                if (r.uncertainty == null) {
                    QartodFlag f = QartodFlag.of((int) t.number("uncertainty_missing_flag", QartodFlag.SUSPECT.code));
                    g.test("uncertainty", f, "no uncertainty reported");
                } else {
                    g.good("uncertainty");
                }
                replicates(g, byPoint.get(r.point), t);
                rerun(g, r, byUniqueId.get(r.uniqueId), t);
                if (!r.point.equals(upPoint) && !r.point.equals(downPoint)) {
                    g.test("pair", QartodFlag.NOT_EVALUATED, "sampling point '" + r.point + "' is neither upstream ("
                            + upPoint + ") nor downstream (" + downPoint + ")");
                } else if (up == null || down == null) {
                    g.test("pair", QartodFlag.NOT_EVALUATED, "no " + (up == null ? "upstream (" + upPoint
                            : "downstream (" + downPoint) + ") reading on " + r.day);
                } else {
                    g.good("pair");
                    double delta = down - up;
                    if (delta <= 0) {
                        g.test("downstream_above_upstream", QartodFlag.SUSPECT, String.format(
                                "downstream mean %.4f <= upstream mean %.4f %s (delta %.4f)", down, up,
                                r.unit == null ? "" : r.unit, delta));
                    } else {
                        g.good("downstream_above_upstream");
                    }
                }
            }
        });
        return out;
    }

    private static String unit(LabRow r) {
        return r.unit == null ? "" : r.unit;
    }

    private static void replicates(RecordGrade g, List<LabRow> samePoint, Thresholds t) {
        List<Double> values = samePoint.stream().map(LabRow::value).filter(v -> v != null).toList();
        if (values.size() < 2) {
            g.test("replicates", QartodFlag.NOT_EVALUATED, "single reading at this point and day");
            return;
        }
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double spread = mean == 0 ? 0 : (max - min) / Math.abs(mean);
        if (spread > t.number("replicate_spread_fail", Double.MAX_VALUE)) {
            g.test("replicates", QartodFlag.FAIL, String.format("replicates spread %.1f%% of their mean", spread * 100));
        } else if (spread > t.number("replicate_spread_suspect", Double.MAX_VALUE)) {
            g.test("replicates", QartodFlag.SUSPECT, String.format("replicates spread %.1f%% of their mean", spread * 100));
        } else {
            g.good("replicates");
        }
    }

    private static void rerun(RecordGrade g, LabRow r, List<LabRow> sameId, Thresholds t) {
        if (sameId == null || sameId.size() < 2) {
            g.good("rerun");
            return;
        }
        double max = 0;
        long other = -1;
        for (LabRow o : sameId) {
            if (o.id != r.id && o.value != null) {
                double diff = Math.abs(o.value - r.value) / ((Math.abs(o.value) + Math.abs(r.value)) / 2);
                if (diff >= max) {
                    max = diff;
                    other = o.id;
                }
            }
        }
        String reason = String.format("re-run of %s (record %d) differs by %.2f%%", r.uniqueId, other, max * 100);
        if (max > t.number("rerun_difference_fail", Double.MAX_VALUE)) {
            g.test("rerun", QartodFlag.FAIL, reason);
        } else if (max > t.number("rerun_difference_suspect", Double.MAX_VALUE)) {
            g.test("rerun", QartodFlag.SUSPECT, reason);
        } else {
            g.test("rerun", QartodFlag.GOOD, reason);
        }
    }

    private static Double mean(List<LabRow> rows) {
        if (rows == null) {
            return null;
        }
        double[] v = rows.stream().map(LabRow::value).filter(x -> x != null).mapToDouble(Double::doubleValue)
                .toArray();
        return v.length == 0 ? null : java.util.Arrays.stream(v).average().orElseThrow();
    }
}
