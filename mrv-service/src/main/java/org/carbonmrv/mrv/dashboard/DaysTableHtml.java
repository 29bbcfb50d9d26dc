package org.carbonmrv.mrv.dashboard;

import java.util.List;

import org.carbonmrv.mrv.removal.query.DayRow;

/**
 * The rows of a view's days table, written as the dashboard's templates would write them (HTML-escaped the way Qute
 * escapes, numbers through {@link DashboardFormat}): a plant-year is 365 rows of 25 values each, which the template
 * evaluated one expression at a time (the largest part of a view's CPU in a profile).
 */
public final class DaysTableHtml {

    private DaysTableHtml() {
    }

    /** @param root the service's root path ("" or "/mrv"), before every link */
    public static String rows(String root, List<DayRow> days) {
        StringBuilder out = new StringBuilder(days.size() * 720);
        for (DayRow d : days) {
            row(out, root, d);
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String root, DayRow d) {
        String day = d.day().toString();
        String flag = d.flag().name();
        out.append("    <tr data-day=\"").append(day).append("\" data-plant=\"");
        escape(out, d.plant()).append("\" tabindex=\"0\" class=\"flag-").append(DashboardFormat.css(flag))
                .append("\"\n        hx-get=\"");
        escape(out, root).append("/dashboard/day/");
        escape(out, d.plant()).append('/').append(day)
                .append("\" hx-target=\"#detail\" hx-trigger=\"click\">\n      <td>").append(day)
                .append("</td>\n      <td><span class=\"badge flag-").append(DashboardFormat.css(flag))
                .append("\" title=\"");
        escape(out, d.message()).append("\">");
        escape(out, flag).append("</span>");
        if (d.needsReview()) {
            out.append(" <span class=\"badge review\" title=\"uses a SUSPECT or ungraded input\">review</span>");
        }
        out.append("</td>\n");
        number(out, d.co2T(), 4);
        number(out, d.conservativeCo2T(), 4);
        number(out, d.uCo2T(), 4);
        number(out, d.caUpstreamMgPerL(), 2);
        number(out, d.caDownstreamMgPerL(), 2);
        number(out, d.flowMgd(), 3);
        String state = d.approvalState().name();
        out.append("      <td class=\"approval-state state-").append(DashboardFormat.css(state)).append("\">");
        if (d.isLocked()) {
            out.append("\uD83D\uDD12 ");
        }
        escape(out, DashboardFormat.label(state)).append("</td>\n      <td class=\"num\">").append(d.version())
                .append("</td>\n    </tr>\n");
    }

    private static void number(StringBuilder out, Double value, int digits) {
        out.append("      <td class=\"num\">").append(DashboardFormat.num(value, digits)).append("</td>\n");
    }

    /** As Qute's HTML escaper: the five characters that can end a text or an attribute value. */
    static StringBuilder escape(StringBuilder out, String text) {
        if (text == null) {
            return out;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out;
    }
}
