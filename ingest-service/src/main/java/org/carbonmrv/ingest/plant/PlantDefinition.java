package org.carbonmrv.ingest.plant;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What the registry knows of a plant: its name for people, the IANA zone its days and local timestamps are in, which
 * lab sampling points are upstream and downstream of the alkalinity dosing, its flow meters and the period it is
 * active in (records dated outside it are refused).
 *
 * @param flowMeters the plant's flow meters; the one measuring {@code effluent_flow_mgd} gives the relative standard
 *                   uncertainty mrv uses for the day's flow (instead of its global default)
 */
@RegisterForReflection
public record PlantDefinition(
        @NotBlank @Size(max = 200) String displayName,
        @NotBlank String timeZone,
        @NotNull @Valid SamplingPoints samplingPoints,
        @Valid List<FlowMeter> flowMeters,
        LocalDate activeFrom,
        LocalDate activeTo) {

    /** Lab sampling points (the lab file's unit_type_id). */
    @RegisterForReflection
    public record SamplingPoints(@NotBlank String upstream, @NotBlank String downstream) {
    }

    /**
     * @param measures                     the ops field it measures (effluent_flow_mgd when absent)
     * @param relativeStandardUncertainty  u(Q)/Q, e.g. 0.02 for a magnetic meter calibrated to 2 %
     */
    @RegisterForReflection
    public record FlowMeter(@NotBlank String id, String measures,
            @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") Double relativeStandardUncertainty,
            LocalDate calibratedOn) {

        public String measuredField() {
            return measures == null || measures.isBlank() ? "effluent_flow_mgd" : measures;
        }
    }

    public List<FlowMeter> meters() {
        return flowMeters == null ? List.of() : flowMeters;
    }
}
