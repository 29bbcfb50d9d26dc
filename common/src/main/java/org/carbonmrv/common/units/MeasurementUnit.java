package org.carbonmrv.common.units;

import javax.measure.Unit;

/**
 * A unit as a plant writes it, understood: its symbol as written, the JSR 385 unit, and the quantity it measures.
 *
 * @param basis {@link Basis#MASS} for ordinary units; amount (mmol/L) and charge (meq/L) concentrations and mass
 *              fractions (ppm) need more than the unit to reach mg/L
 */
public record MeasurementUnit(String symbol, Unit<?> unit, Quantity quantity, Basis basis) {

    /** What a concentration unit counts. */
    public enum Basis {
        /** Mass per volume (mg/L), or any quantity other than a concentration. */
        MASS,
        /** Amount of substance per volume (mmol/L): times the molar mass. */
        AMOUNT,
        /** Charge equivalents per volume (meq/L): divided by the charge, times the molar mass. */
        CHARGE,
        /** Mass fraction (ppm, mg/kg): times the density of the (dilute aqueous) sample. */
        MASS_FRACTION
    }

    /** Whether two units are the same unit, however written (MGD and mgd, m³/d and m3/day). */
    public boolean sameAs(MeasurementUnit other) {
        return quantity == other.quantity && basis == other.basis && unit.equals(other.unit);
    }

    @Override
    public String toString() {
        return symbol;
    }
}
