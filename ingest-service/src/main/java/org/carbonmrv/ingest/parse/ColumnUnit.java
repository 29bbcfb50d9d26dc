package org.carbonmrv.ingest.parse;

import java.util.Optional;

import org.carbonmrv.common.units.Analyte;
import org.carbonmrv.common.units.Conversion;
import org.carbonmrv.common.units.MeasurementUnit;
import org.carbonmrv.common.units.Quantity;
import org.carbonmrv.common.units.UnitCatalog;

/**
 * The unit of one quantity column, from what the layout declares and what the file states (header, unit row or
 * line, the row's unit column): either alone, or both when they agree (MGD and mgd are the same unit). Anything
 * else is a refusal naming the column and both units: nothing is stored in a unit nobody named.
 */
public final class ColumnUnit {

    private ColumnUnit() {
    }

    /** A column's conversion to the canonical unit, or why there is none. */
    public sealed interface Resolution {
    }

    public record Resolved(Conversion conversion) implements Resolution {
        public MeasurementUnit unit() {
            return conversion.from();
        }
    }

    public record Unresolved(String reason) implements Resolution {
    }

    /**
     * @param column   how the column is shown to a person (letter and header, or header name)
     * @param declared the layout's unit for the field (null: none)
     * @param stated   the file's unit for the column (null or blank: none)
     * @param fixed    the quantity the field must be, when it is fixed (ops flows, bypass hours)
     */
    public static Resolution resolve(String field, String column, String declared, String stated,
            Optional<Quantity> fixed, Optional<Analyte> analyte) {
        String s = stated == null || stated.isBlank() ? null : stated.strip();
        if (declared == null && s == null) {
            return new Unresolved("column " + column + " states no unit and the layout declares none for " + field);
        }
        Optional<MeasurementUnit> d = declared == null ? Optional.empty() : UnitCatalog.parse(declared);
        Optional<MeasurementUnit> st = s == null ? Optional.empty() : UnitCatalog.parse(s);
        if (s != null && st.isEmpty()) {
            return new Unresolved("column " + column + " is in '" + s + "', which is not a unit known here"
                    + fixed.map(q -> " (" + q + ": " + UnitCatalog.known(q) + ")").orElse(""));
        }
        if (d.isPresent() && st.isPresent() && !d.get().sameAs(st.get())) {
            return new Unresolved("column " + column + " is in " + st.get().symbol() + " but the layout declares "
                    + d.get().symbol() + " for " + field);
        }
        MeasurementUnit u = st.or(() -> d).orElseThrow(() -> new IllegalStateException("unit " + declared
                + " passed the layout's checks but is unknown"));
        if (fixed.isPresent() && fixed.get() != u.quantity()) {
            return new Unresolved("column " + column + " is in " + u.symbol() + " (" + u.quantity() + ") but "
                    + field + " is a " + fixed.get());
        }
        return Conversion.toCanonical(u, analyte).<Resolution>map(Resolved::new).orElseGet(() -> new Unresolved(
                "column " + column + " is in " + u.symbol() + ", which needs the molar mass of the analyte to reach "
                        + "mg/L; none is known for it"));
    }
}
