package org.carbonmrv.mrv.dashboard;

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
        return String.format(Locale.ROOT, "%,." + digits + "f", n.doubleValue());
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
