package org.carbonmrv.mrv.removal;

import java.time.LocalDate;
import java.util.List;

/**
 * A computed plant-day figure with its uncertainty and lineage, before it is stored as a version.
 *
 * @param inputs every input record considered (used or excluded, with why): the stored lineage
 * @param fingerprint identity of the figure: equal fingerprints mean nothing a reviewer sees has changed
 * @param plantVersion the plant registry version the figure used (null: not registered, the defaults)
 */
public record DailyFigure(String plant, LocalDate day, RemovalFlag flag, String message, boolean needsReview,
        List<String> reviewReasons, Double flowMgd, Double caUpstreamMgPerL, Double caDownstreamMgPerL,
        Double deltaCaMgPerL, int nUpstream, int nDownstream, Double co2T, Double uCo2T, Double uCo2CaT,
        Double uCo2FlowT, Double conservativeCo2T, List<Integer> qaqcConfigVersions, int methodologyId,
        List<Lineage.Entry> inputs, String fingerprint, Integer plantVersion) {

    /** A figure whose plant was not read from the registry. */
    public DailyFigure(String plant, LocalDate day, RemovalFlag flag, String message, boolean needsReview,
            List<String> reviewReasons, Double flowMgd, Double caUpstreamMgPerL, Double caDownstreamMgPerL,
            Double deltaCaMgPerL, int nUpstream, int nDownstream, Double co2T, Double uCo2T, Double uCo2CaT,
            Double uCo2FlowT, Double conservativeCo2T, List<Integer> qaqcConfigVersions, int methodologyId,
            List<Lineage.Entry> inputs, String fingerprint) {
        this(plant, day, flag, message, needsReview, reviewReasons, flowMgd, caUpstreamMgPerL, caDownstreamMgPerL,
                deltaCaMgPerL, nUpstream, nDownstream, co2T, uCo2T, uCo2CaT, uCo2FlowT, conservativeCo2T,
                qaqcConfigVersions, methodologyId, inputs, fingerprint, null);
    }
}
