package org.carbonmrv.common.units;

import java.util.Locale;
import java.util.Optional;

/**
 * A dissolved species whose concentration can be reported by amount (mmol/L) or charge (meq/L) as well as by mass:
 * converting those to mg/L takes its molar mass and charge, which are chemistry, not units.
 *
 * @param molarMassGPerMol standard atomic weight (IUPAC): Ca 40.078 g/mol
 * @param charge           ionic charge: Ca²⁺ is 2 (1 meq = 1/2 mmol)
 */
public record Analyte(String name, double molarMassGPerMol, int charge) {

    public static final Analyte CALCIUM = new Analyte("calcium", 40.078, 2);

    /** The analyte a lab parameter names (calcium, Ca, Ca2+), if its chemistry is known here. */
    public static Optional<Analyte> of(String parameter) {
        String p = parameter == null ? "" : parameter.strip().toLowerCase(Locale.ROOT);
        return switch (p) {
            case "calcium", "ca", "ca2+", "ca++", "calcium (ca)", "dissolved calcium" -> Optional.of(CALCIUM);
            default -> Optional.empty();
        };
    }
}
