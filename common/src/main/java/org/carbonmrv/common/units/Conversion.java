package org.carbonmrv.common.units;

import java.util.Optional;

import javax.measure.IncommensurableException;
import javax.measure.Unit;
import javax.measure.UnitConverter;

import tech.units.indriya.unit.Units;

/**
 * From a source unit to its quantity's canonical unit: the library's converter between the units as the library
 * multiplies them, the chemistry (molar mass, charge) or the density that takes amount, charge and mass-fraction
 * concentrations to mass per volume being a quantity in its own unit (g/mol, kg/L), never a bare factor.
 */
public final class Conversion {

    /**
     * Density of a dilute aqueous sample, kg/L, by which a mass fraction (ppm = mg/kg) becomes a mass concentration:
     * the convention that ppm and mg/L are the same in water (the methodology's stated assumption).
     */
    public static final double WATER_DENSITY_KG_PER_L = 1.0;

    private final MeasurementUnit from;
    private final UnitConverter converter;
    /** The quantity the source value is multiplied by, in the unit {@link #converter} expects: 1 for plain units. */
    private final double by;

    private Conversion(MeasurementUnit from, UnitConverter converter, double by) {
        this.from = from;
        this.converter = converter;
        this.by = by;
    }

    /**
     * The conversion of {@code from} to its canonical unit; empty when it needs an analyte's chemistry that is not
     * known (mmol/L of an unknown species).
     */
    public static Optional<Conversion> toCanonical(MeasurementUnit from, Optional<Analyte> analyte) {
        Unit<?> canonical = from.quantity().canonical;
        return switch (from.basis()) {
            case MASS -> Optional.of(new Conversion(from, converter(from.unit(), canonical), 1.0));
            case AMOUNT -> analyte.map(a -> new Conversion(from, converter(from.unit().multiply(GRAM_PER_MOLE),
                    canonical), a.molarMassGPerMol()));
            case CHARGE -> analyte.map(a -> new Conversion(from, converter(from.unit().multiply(GRAM_PER_MOLE),
                    canonical), a.molarMassGPerMol() / a.charge()));
            case MASS_FRACTION -> Optional.of(new Conversion(from, converter(from.unit().multiply(KG_PER_LITRE),
                    canonical), WATER_DENSITY_KG_PER_L));
        };
    }

    private static final Unit<?> GRAM_PER_MOLE = Units.GRAM.divide(Units.MOLE);
    private static final Unit<?> KG_PER_LITRE = Units.KILOGRAM.divide(Units.LITRE);

    private static UnitConverter converter(Unit<?> from, Unit<?> to) {
        try {
            return from.getConverterToAny(to);
        } catch (IncommensurableException e) {
            throw new IllegalStateException(from + " and " + to + " measure different things", e);
        }
    }

    public MeasurementUnit from() {
        return from;
    }

    /** Whether the value is stored as written (already in the canonical unit). */
    public boolean isIdentity() {
        return by == 1.0 && converter.isIdentity();
    }

    public double apply(double value) {
        return converter.convert(value * by);
    }
}
