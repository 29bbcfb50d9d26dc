package org.carbonmrv.mrv.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.carbonmrv.common.vocabulary.ApprovalState;
import org.carbonmrv.mrv.removal.RemovalFlag;

import com.fasterxml.jackson.annotation.JsonRawValue;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What the dashboard's charts draw, as the page's script reads it: a series per column of the listed days (one
 * value per day, in day order; {@code days} is {@link DaySeries} as JSON), ingest's bypass flow of those days, the
 * flag counts, and each pH sensor's daily statistics.
 */
@RegisterForReflection
public record ChartData(String plant, String from, String to, double coverageFactor, @JsonRawValue String days,
        List<Double> bypassFlowMgd, Map<RemovalFlag, Integer> flagCounts, List<PhSeries> ph) {

    /** The listed days' columns, plus the running VALID and conservative totals. */
    @RegisterForReflection
    public record DaySeries(List<String> day, List<RemovalFlag> flag, List<ApprovalState> approvalState,
            List<Boolean> needsReview, List<Double> co2T, List<Double> conservativeCo2T, List<Double> uCo2T,
            List<Double> caUpstreamMgPerL, List<Double> caDownstreamMgPerL, List<Double> flowMgd,
            List<Double> cumulativeValidCo2T, List<Double> cumulativeConservativeValidCo2T) {

        static DaySeries empty() {
            return new DaySeries(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                    new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                    new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }
    }

    /** A pH sensor's days: mean, min, max, readings and qaqc's completeness (%) per day. */
    @RegisterForReflection
    public record PhSeries(String sensorId, String point, List<String> day, List<Double> mean, List<Double> min,
            List<Double> max, List<Long> readings, List<Double> completenessPct) {

        static PhSeries of(String sensorId, String point) {
            return new PhSeries(sensorId, point, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                    new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }
    }
}
