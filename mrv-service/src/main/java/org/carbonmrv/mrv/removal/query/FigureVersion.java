package org.carbonmrv.mrv.removal.query;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.carbonmrv.mrv.removal.RemovalFlag;
import org.carbonmrv.mrv.removal.StoredInput;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One stored version of a day's figure, as {@code mrv.removal} gives it: its numbers, state, lineage, the trigger
 * that computed it (a JSON document), and when and by which version it was superseded.
 */
@RegisterForReflection
public record FigureVersion(String plant, LocalDate day, int version, String state, RemovalFlag flag, String message,
        boolean needsReview, List<String> reviewReasons, Double flowMgd, Double caUpstreamMgPerL,
        Double caDownstreamMgPerL, Double deltaCaMgPerL, int nUpstream, int nDownstream, Double co2T, Double uCo2T,
        Double uCo2CaT, Double uCo2FlowT, Double conservativeCo2T, List<Integer> qaqcConfigVersions,
        int methodologyId, List<StoredInput> inputs, String fingerprint, JsonNode trigger, OffsetDateTime computedAt,
        OffsetDateTime supersededAt, Integer supersededByVersion, Integer plantVersion) {
}
