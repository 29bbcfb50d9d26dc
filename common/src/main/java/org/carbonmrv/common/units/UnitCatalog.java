package org.carbonmrv.common.units;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.measure.Unit;

import systems.uom.common.USCustomary;
import tech.units.indriya.AbstractUnit;
import tech.units.indriya.unit.Units;

import static javax.measure.MetricPrefix.MEGA;
import static javax.measure.MetricPrefix.MICRO;
import static javax.measure.MetricPrefix.MILLI;

/**
 * The units plants write, as JSR 385 units (Indriya, and the US gallon from systems-common): every conversion is the
 * library's, from the units' definitions, never a factor typed here. Symbols that change meaning with case are read
 * case-sensitively ({@code ML/d} is megalitres, {@code mL/d} millilitres; {@code MG/D} million gallons, {@code mg/d}
 * milligrams); the others in any case and spacing ({@code m³/d}, {@code M3/DAY}, {@code m3 / d}).
 */
public final class UnitCatalog {

    static final Unit<?> MGD = Quantity.VOLUMETRIC_FLOW.canonical;
    static final Unit<?> MG_PER_L = Quantity.CONCENTRATION.canonical;
    private static final Unit<?> MMOL_PER_L = MILLI(Units.MOLE).divide(Units.LITRE);

    private static final Map<String, MeasurementUnit> EXACT = new HashMap<>();
    private static final Map<String, MeasurementUnit> ANY_CASE = new HashMap<>();

    static {
        flow("MGD", MGD, List.of("MG/D", "Mgal/d", "MGal/d"), List.of("mgd", "milliongallons/day", "mgal/day"));
        flow("m³/d", Units.CUBIC_METRE.divide(Units.DAY), List.of(), List.of("m3/d", "m3/day", "cmd", "cum/d",
                "m3d-1", "m3/24h"));
        flow("ML/d", MEGA(Units.LITRE).divide(Units.DAY), List.of("ML/d", "Ml/d", "ML/day", "Ml/day", "MLD", "MLd-1"),
                List.of("megalitres/day", "megaliters/day"));
        flow("L/s", Units.LITRE.divide(Units.SECOND), List.of(), List.of("l/s", "lps", "l/sec", "litres/second",
                "liters/second"));
        flow("m³/h", Units.CUBIC_METRE.divide(Units.HOUR), List.of(), List.of("m3/h", "m3/hr", "m3/hour", "cmh"));
        flow("m³/s", Units.CUBIC_METRE.divide(Units.SECOND), List.of(), List.of("m3/s", "m3/sec", "cumecs"));
        flow("gpm", USCustomary.GALLON_LIQUID.divide(Units.MINUTE), List.of(), List.of("gpm", "gal/min",
                "gallons/minute"));
        flow("GPD", USCustomary.GALLON_LIQUID.divide(Units.DAY), List.of(), List.of("gpd", "gal/d", "gal/day",
                "gallons/day"));
        concentration("mg/L", MG_PER_L, MeasurementUnit.Basis.MASS, List.of("mg/l", "mgl-1", "mg/litre",
                "mg/liter", "g/m3"));
        concentration("µg/L", MICRO(Units.GRAM).divide(Units.LITRE), MeasurementUnit.Basis.MASS, List.of("ug/l",
                "µg/l", "μg/l", "mcg/l"));
        concentration("g/L", Units.GRAM.divide(Units.LITRE), MeasurementUnit.Basis.MASS, List.of("g/l"));
        concentration("mmol/L", MMOL_PER_L, MeasurementUnit.Basis.AMOUNT, List.of("mmol/l", "mm"));
        concentration("meq/L", MMOL_PER_L, MeasurementUnit.Basis.CHARGE, List.of("meq/l"));
        concentration("ppm", AbstractUnit.ONE.divide(1_000_000), MeasurementUnit.Basis.MASS_FRACTION,
                List.of("ppm", "mg/kg", "ppmw", "ppm(mass)"));
        add(new MeasurementUnit("pH", AbstractUnit.ONE, Quantity.PH, MeasurementUnit.Basis.MASS), List.of(),
                List.of("ph", "phunits", "su", "s.u.", "stdunits", "standardunits"));
        add(new MeasurementUnit("h", Units.HOUR, Quantity.DURATION, MeasurementUnit.Basis.MASS), List.of(),
                List.of("h", "hr", "hrs", "hour", "hours", "h/d", "hrs/day", "hr/day", "hours/day", "hrs/d"));
        add(new MeasurementUnit("min", Units.MINUTE, Quantity.DURATION, MeasurementUnit.Basis.MASS), List.of(),
                List.of("min", "mins", "minutes", "min/d", "min/day"));
    }

    private UnitCatalog() {
    }

    private static void flow(String symbol, Unit<?> unit, List<String> exact, List<String> anyCase) {
        add(new MeasurementUnit(symbol, unit, Quantity.VOLUMETRIC_FLOW, MeasurementUnit.Basis.MASS), exact, anyCase);
    }

    private static void concentration(String symbol, Unit<?> unit, MeasurementUnit.Basis basis, List<String> anyCase) {
        add(new MeasurementUnit(symbol, unit, Quantity.CONCENTRATION, basis), List.of(), anyCase);
    }

    private static void add(MeasurementUnit u, List<String> exact, List<String> anyCase) {
        EXACT.put(compact(u.symbol()), u);
        exact.forEach(s -> EXACT.put(compact(s), u));
        anyCase.forEach(s -> ANY_CASE.put(compact(s).toLowerCase(Locale.ROOT), u));
        if (exact.isEmpty()) {
            ANY_CASE.put(compact(u.symbol()).toLowerCase(Locale.ROOT), u);
        }
    }

    /** Without spaces, with superscripts and the micro sign as plain characters, "per" as "/". */
    private static String compact(String s) {
        return s.strip().replace('³', '3').replace('²', '2').replace("μ", "µ").replaceAll("(?i)\\s+per\\s+", "/")
                .replaceAll("\\s+", "");
    }

    /** The unit a text names, or empty when it names none known here (a refusal, never a guess). */
    public static Optional<MeasurementUnit> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String c = compact(text);
        MeasurementUnit exact = EXACT.get(c);
        if (exact != null) {
            return Optional.of(exact);
        }
        return Optional.ofNullable(ANY_CASE.get(c.toLowerCase(Locale.ROOT)));
    }

    /** The units known for a quantity, for messages. */
    public static List<String> known(Quantity q) {
        return EXACT.values().stream().filter(u -> u.quantity() == q).map(MeasurementUnit::symbol).distinct().sorted()
                .toList();
    }
}
