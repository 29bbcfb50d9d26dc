package org.carbonmrv.mrv.removal.query;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One day as its detail gives it: the asked-for version of the figure with its lineage and trigger (its members at
 * the top level of the JSON), the methodology it was computed with, the day's approval, every decision covering
 * the day and every version.
 */
@RegisterForReflection
public record DayDetail(@JsonUnwrapped FigureVersion figure, DayRecords.MethodologyRow methodology,
        DayRecords.DayApproval approval, List<DayRecords.Decision> decisions,
        List<DayRecords.VersionSummary> versions) {
}
