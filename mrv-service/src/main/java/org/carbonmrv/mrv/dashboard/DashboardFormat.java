package org.carbonmrv.mrv.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

import io.quarkus.qute.Results;
import io.quarkus.qute.TemplateExtension;

/** Number formatting in the dashboard's templates: {@code {fmt:num(d.co2_t, 3)}}; a missing value shows as a dash. */
@TemplateExtension(namespace = "fmt")
public final class DashboardFormat {

    private DashboardFormat() {
    }

    static String num(Object value, int digits) {
        if (!(value instanceof Number n)) {
            return value == null || value instanceof Results.NotFound ? "—" : value.toString();
        }
        return grouped(n.doubleValue(), digits);
    }

    /**
     * {@code String.format(Locale.ROOT, "%,.Nf", d)}, digit for digit, without its per-call formatter (a view of a
     * plant-year formats thousands of numbers): the shortest decimal of the double rounded half up, as Formatter
     * rounds it, then thousands grouped with commas.
     */
    static String grouped(double d, int digits) {
        if (!Double.isFinite(d)) {
            return String.format(Locale.ROOT, "%,." + digits + "f", d);
        }
        String plain = new BigDecimal(Double.toString(Math.abs(d))).setScale(digits, RoundingMode.HALF_UP)
                .toPlainString();
        int dot = plain.indexOf('.');
        int intDigits = dot < 0 ? plain.length() : dot;
        StringBuilder out = new StringBuilder(plain.length() + intDigits / 3 + 1);
        if (Double.compare(d, 0.0) < 0) {
            out.append('-');
        }
        for (int i = 0; i < intDigits; i++) {
            if (i > 0 && (intDigits - i) % 3 == 0) {
                out.append(',');
            }
            out.append(plain.charAt(i));
        }
        return out.append(plain, intDigits, plain.length()).toString();
    }

    /** A ratio as a percentage: 0.2 → "20.0 %". */
    static String pct(Object value) {
        return value instanceof Number n ? String.format(Locale.ROOT, "%.1f %%", n.doubleValue() * 100) : "—";
    }

    /** A flag or state as a CSS class name. */
    static String css(Object value) {
        return value == null || value instanceof Results.NotFound ? "none" : value.toString().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Display text of a code: VALID_FLOW → "valid flow". */
    static String label(Object value) {
        return value == null || value instanceof Results.NotFound ? "" : value.toString().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
