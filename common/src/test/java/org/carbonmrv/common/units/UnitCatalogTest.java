package org.carbonmrv.common.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * Conversions against hand-worked values. The US gallon is 231 in³ = 3.785411784 L exactly (its definition), so
 * 1 MGD = 3,785.411784 m³/d; a day is 86,400 s; Ca is 40.078 g/mol with charge 2.
 */
class UnitCatalogTest {

    private static final double M3_PER_MG = 3_785.411784;

    private static double toCanonical(String unit, double value) {
        return toCanonical(unit, value, Optional.empty());
    }

    private static double toCanonical(String unit, double value, Optional<Analyte> analyte) {
        MeasurementUnit u = UnitCatalog.parse(unit).orElseThrow(() -> new AssertionError("not parsed: " + unit));
        return Conversion.toCanonical(u, analyte).orElseThrow().apply(value);
    }

    @Test
    void flowsReachMgd() {
        assertEquals(99_715 / M3_PER_MG, toCanonical("m3/d", 99_715), 1e-12);
        assertEquals(99_715 / M3_PER_MG, toCanonical("m³/d", 99_715), 1e-12);
        assertEquals(1_000 / M3_PER_MG, toCanonical("ML/d", 1), 1e-15);
        assertEquals(86.4 / M3_PER_MG, toCanonical("L/s", 1), 1e-15);
        assertEquals(24 / M3_PER_MG, toCanonical("m3/h", 1), 1e-15);
        assertEquals(1_440 / 1e6, toCanonical("gpm", 1), 1e-15);
        assertEquals(1 / 1e6, toCanonical("GPD", 1), 1e-18);
        assertEquals(29.8, toCanonical("MGD", 29.8), 0);
        assertTrue(Conversion.toCanonical(UnitCatalog.parse("mgd").orElseThrow(), Optional.empty()).orElseThrow()
                .isIdentity(), "MGD is stored as written");
    }

    @Test
    void calciumReachesMgPerLitre() {
        Optional<Analyte> ca = Analyte.of("calcium");
        assertEquals(40.078, toCanonical("mmol/L", 1, ca), 1e-12);
        assertEquals(40.078 / 2, toCanonical("meq/L", 1, ca), 1e-12);
        assertEquals(42.5, toCanonical("ppm", 42.5), 1e-12);
        assertEquals(0.001, toCanonical("ug/L", 1), 1e-15);
        assertEquals(41.2, toCanonical("mg/l", 41.2), 0);
        assertTrue(Conversion.toCanonical(UnitCatalog.parse("mmol/L").orElseThrow(), Optional.empty()).isEmpty(),
                "mmol/L of an unknown species has no mass conversion");
    }

    @Test
    void durationsAndPh() {
        assertEquals(Quantity.DURATION, UnitCatalog.parse("HRS/DAY").orElseThrow().quantity());
        assertEquals(0.5, toCanonical("min", 30), 1e-15);
        assertEquals(7.1, toCanonical("pH", 7.1), 0);
        assertEquals(Quantity.PH, UnitCatalog.parse("SU").orElseThrow().quantity());
    }

    @Test
    void symbolsWhoseCaseChangesTheirMeaningAreNotGuessed() {
        assertTrue(UnitCatalog.parse("mL/d").isEmpty(), "millilitres per day is not a plant flow unit");
        assertEquals("ML/d", UnitCatalog.parse("ML/d").orElseThrow().symbol());
        assertTrue(UnitCatalog.parse("mg/d").isEmpty(), "milligrams per day is not million gallons per day");
        assertEquals("MGD", UnitCatalog.parse("MG/D").orElseThrow().symbol());
        assertTrue(UnitCatalog.parse("furlongs/fortnight").isEmpty());
        assertTrue(UnitCatalog.parse("m3/d").orElseThrow().sameAs(UnitCatalog.parse("M3 / DAY").orElseThrow()));
        assertTrue(!UnitCatalog.parse("m3/d").orElseThrow().sameAs(UnitCatalog.parse("MGD").orElseThrow()));
    }
}
