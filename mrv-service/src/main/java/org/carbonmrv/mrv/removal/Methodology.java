package org.carbonmrv.mrv.removal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.carbonmrv.mrv.config.MrvConfig;

/**
 * The method a figure is computed with: constants, rules and uncertainty settings. Its definition is stored once
 * per distinct content ({@code mrv.methodology}); every figure references the one it used.
 */
public final class Methodology {

    /**
     * ca-co2/2: as ca-co2/1, with each plant's sampling points and flow meter uncertainty from the registry, and
     * censored lab values at their conservative bound.
     */
    public static final String VERSION = "ca-co2/2";

    public static final double M3_PER_MILLION_GALLONS = 3785.41;
    public static final double L_PER_M3 = 1000.0;
    public static final double MOLAR_MASS_CACO3 = 100.0869;
    public static final double MOLAR_MASS_CA = 40.078;
    public static final double MOLAR_MASS_CO2 = 44.0095;

    /**
     * Tonnes of CO2 per day for 1 mg/L of calcium gained at 1 MGD: mg/L × MG/d × m³/MG × L/m³ = mg/d, Ca → CaCO3 →
     * CO2 by molar masses, mg → t (10⁹). Kept as the original method's product, in its order.
     */
    public static final double CO2_T_PER_MG_L_MGD = M3_PER_MILLION_GALLONS * L_PER_M3
            * (MOLAR_MASS_CACO3 / MOLAR_MASS_CA) * (MOLAR_MASS_CO2 / MOLAR_MASS_CACO3) / 1e9;

    public final int id;
    public final double caDefaultRelative;
    public final double flowRelative;
    public final double coverageFactor;
    public final String upstreamPoint;
    public final String downstreamPoint;
    public final String parameter;
    public final CensoredTreatment censoredTreatment;

    public Methodology(int id, MrvConfig config) {
        this(id, config.uncertainty().caDefaultRelative(), config.uncertainty().flowRelative(),
                config.uncertainty().coverageFactor(), config.points().upstream(), config.points().downstream(),
                config.points().parameter(), config.censoredTreatment());
    }

    public Methodology(int id, double caDefaultRelative, double flowRelative, double coverageFactor,
            String upstreamPoint, String downstreamPoint, String parameter) {
        this(id, caDefaultRelative, flowRelative, coverageFactor, upstreamPoint, downstreamPoint, parameter,
                CensoredTreatment.BOUND);
    }

    public Methodology(int id, double caDefaultRelative, double flowRelative, double coverageFactor,
            String upstreamPoint, String downstreamPoint, String parameter, CensoredTreatment censoredTreatment) {
        this.censoredTreatment = censoredTreatment;
        this.id = id;
        this.caDefaultRelative = caDefaultRelative;
        this.flowRelative = flowRelative;
        this.coverageFactor = coverageFactor;
        this.upstreamPoint = upstreamPoint;
        this.downstreamPoint = downstreamPoint;
        this.parameter = parameter;
    }

    /** What a plant without a registry entry is computed with. */
    public org.carbonmrv.mrv.plant.PlantDefaults plantDefaults() {
        return new org.carbonmrv.mrv.plant.PlantDefaults(upstreamPoint, downstreamPoint, flowRelative);
    }

    /** CO2 t/day for a calcium gain (mg/L) at an effluent flow (MGD). */
    public static double co2Tonnes(double deltaCaMgPerL, double flowMgd) {
        return deltaCaMgPerL * flowMgd * CO2_T_PER_MG_L_MGD;
    }

    /** The stored definition (field order fixed: its JSON text is fingerprinted). */
    public static Map<String, Object> definition(MrvConfig config) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("version", VERSION);
        Map<String, Object> constants = new LinkedHashMap<>();
        constants.put("m3_per_million_gallons", M3_PER_MILLION_GALLONS);
        constants.put("l_per_m3", L_PER_M3);
        constants.put("molar_mass_caco3_g_per_mol", MOLAR_MASS_CACO3);
        constants.put("molar_mass_ca_g_per_mol", MOLAR_MASS_CA);
        constants.put("molar_mass_co2_g_per_mol", MOLAR_MASS_CO2);
        constants.put("co2_t_per_mg_l_mgd", CO2_T_PER_MG_L_MGD);
        d.put("constants", constants);
        d.put("formula", "co2_t = (ca_downstream_mg_per_l - ca_upstream_mg_per_l) * flow_mgd * 3785.41 * 1000 "
                + "* (100.0869 / 40.078) * (44.0095 / 100.0869) / 1e9");
        d.put("points", Map.of("upstream", "the plant's registered upstream sampling point (ingest.v_plant), else "
                + config.points().upstream(), "downstream", "the plant's registered downstream sampling point, else "
                + config.points().downstream(), "parameter", config.points().parameter()));
        d.put("rules", List.of(
                "flow: the day's current effluent flow (the most recently generated export wins, as ingested)",
                "calcium per side: arithmetic mean of the day's readings whose current qaqc flag (overrides "
                        + "applied) is not FAIL (4) or MISSING (9); a SUSPECT (3), NOT_EVALUATED (2) or ungraded "
                        + "input is used and marks the day needs_review",
                "flags in order: NO_OPS_DATA (no operations record), INVALID_FLOW (flow missing, <= 0, FAIL or "
                        + "MISSING), MISSING_CA_READINGS (a side without usable reading): no figure; INVALID "
                        + "(delta <= 0): figure computed, not creditable; VALID",
                "censored calcium (<L, ND, >L), treatment " + config.censoredTreatment() + ": " + (config
                        .censoredTreatment() == CensoredTreatment.BOUND ? "upstream at its upper bound (<L: L; >L: "
                        + "excluded), downstream at its lower bound (<L: 0; >L: L); the day needs review"
                        : "excluded"),
                "quantities in canonical units: flow MGD, calcium mg/L (ingest converts what plants report, "
                        + "keeping the original value and unit)"));
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("ca_default_relative", config.uncertainty().caDefaultRelative());
        u.put("flow_relative", config.uncertainty().flowRelative());
        u.put("flow_relative_source", "the plant's registered effluent flow meter (relative_standard_uncertainty; "
                + "of several, the largest), else flow_relative");
        u.put("coverage_factor", config.uncertainty().coverageFactor());
        u.put("daily", "first-order GUM: u(mean) = sqrt(sum u_i^2) / n per side (readings independent; a reading "
                + "without uncertainty gets ca_default_relative * value); u_ca = K*Q*sqrt(u_up^2 + u_down^2); "
                + "u_flow = K*|delta|*Q*flow_relative; u = sqrt(u_ca^2 + u_flow^2); conservative = co2 - k*u");
        u.put("period_totals", "estimates summed; calcium terms independent between days (added in quadrature); "
                + "flow-meter terms fully correlated between days of a plant (one meter, one calibration: added "
                + "linearly); u_total = sqrt(sum u_ca^2 + (sum u_flow)^2); conservative_total = total - k*u_total");
        d.put("uncertainty", u);
        return d;
    }
}
