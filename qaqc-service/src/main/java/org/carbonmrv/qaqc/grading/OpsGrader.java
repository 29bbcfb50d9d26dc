package org.carbonmrv.qaqc.grading;

import org.carbonmrv.common.vocabulary.QartodFlag;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Tests of every version of one plant-day of operations: the current version's effluent flow (missing or not
 * positive: FAIL; gross range; outside the day's own min/max; bypass), duplicates within one export, and the
 * history of revisions (a value revised by a later export, an export's zero last day superseded).
 */
public final class OpsGrader {

    /** One version of a plant-day; {@code versionRank} 1 is current. */
    public record OpsRow(long id, long uploadId, String fileName, String plant, LocalDate day,
            OffsetDateTime generatedAt, Double flow, Double flowMax, Double flowMin, Double bypassFlow,
            Double bypassHours, long versionRank, boolean lastDayOfExport, int sameDayInUpload) {
    }

    private OpsGrader() {
    }

    public static List<RecordGrade> grade(List<OpsRow> versions, GradingConfig config) {
        List<RecordGrade> out = new ArrayList<>();
        OpsRow current = versions.stream().filter(v -> v.versionRank == 1).findFirst().orElseThrow();
        Thresholds t = config.thresholds("ops", current.plant, "effluent_flow_mgd", null);
        for (OpsRow v : versions) {
            RecordGrade g = new RecordGrade("ops", v.id, v.plant, "effluent_flow_mgd", v.day.atStartOfDay());
            out.add(g);
            if (v.sameDayInUpload > 1) {
                g.test("duplicate", QartodFlag.SUSPECT, v.day + " appears " + v.sameDayInUpload + " times in "
                        + v.fileName);
            } else {
                g.good("duplicate");
            }
            if (v != current) {
                String by = "superseded by record " + current.id + " (" + current.fileName + ", flow "
                        + current.flow + " MGD)";
                g.test("superseded", QartodFlag.NOT_EVALUATED, v.lastDayOfExport && v.flow != null && v.flow == 0
                        ? "incomplete last day of its export (flow 0): " + by : by);
                continue;
            }
            if (v.flow == null) {
                g.test("effluent_flow", QartodFlag.FAIL, "no effluent flow for " + v.day);
            } else if (v.flow <= 0) {
                g.test("effluent_flow", QartodFlag.FAIL, "effluent flow " + v.flow + " MGD is not positive"
                        + (v.lastDayOfExport ? " (last day of its export: possibly incomplete)" : ""));
            } else {
                g.good("effluent_flow");
                t.grossRange(g, v.flow, "MGD");
                if (v.flowMax != null && v.flow > v.flowMax || v.flowMin != null && v.flow < v.flowMin) {
                    g.test("within_day_range", QartodFlag.SUSPECT, "effluent flow " + v.flow + " outside the day's own "
                            + "min/max [" + v.flowMin + ", " + v.flowMax + "]");
                } else {
                    g.good("within_day_range");
                }
            }
            if (v.bypassFlow != null && v.bypassFlow > 0 || v.bypassHours != null && v.bypassHours > 0) {
                g.test("bypass", QartodFlag.SUSPECT, "bypass " + v.bypassFlow + " MGD for " + v.bypassHours
                        + " h: part of the flow left untreated");
            } else {
                g.good("bypass");
            }
            if (versions.size() > 1) {
                List<String> earlier = versions.stream().filter(o -> o != v)
                        .map(o -> o.flow + " (" + o.fileName + ")").toList();
                boolean changed = versions.stream().anyMatch(o -> o != v && !java.util.Objects.equals(o.flow, v.flow));
                g.test("revision", QartodFlag.GOOD, (changed ? "revised; earlier exports said " : "confirmed by ")
                        + String.join(", ", earlier));
            }
        }
        return out;
    }
}
