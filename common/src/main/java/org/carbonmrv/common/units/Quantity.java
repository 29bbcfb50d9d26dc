package org.carbonmrv.common.units;

import static javax.measure.MetricPrefix.MEGA;
import static javax.measure.MetricPrefix.MILLI;

import javax.measure.Unit;

import systems.uom.common.USCustomary;
import tech.units.indriya.AbstractUnit;
import tech.units.indriya.unit.Units;

/**
 * The kinds of quantity a layout maps, each with the canonical unit it is stored in (the methodology is written in
 * MGD and mg/L; the stored column names say so: {@code effluent_flow_mgd}, {@code ca_mg_per_l}). The catalog's units
 * are built from these (never the other way round: a cycle of static initialisers would leave one of them null).
 */
public enum Quantity {
    /** Volumetric flow, stored in MGD (million US gallons per day). */
    VOLUMETRIC_FLOW("MGD", MEGA(USCustomary.GALLON_LIQUID).divide(Units.DAY)),
    /** Concentration in water, stored in mg/L. */
    CONCENTRATION("mg/L", MILLI(Units.GRAM).divide(Units.LITRE)),
    /** pH, on its own scale. */
    PH("pH", AbstractUnit.ONE),
    /** A duration within a day (bypass hours), stored in hours. */
    DURATION("h", Units.HOUR);

    /** How the canonical unit is written in records and answers. */
    public final String canonicalSymbol;
    final Unit<?> canonical;

    Quantity(String canonicalSymbol, Unit<?> canonical) {
        this.canonicalSymbol = canonicalSymbol;
        this.canonical = canonical;
    }
}
