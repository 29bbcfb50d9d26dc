package org.carbonmrv.ingest.parse;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A lab value as labs write it: a number, a censored value ({@code <0.5}, {@code < 0.5}, {@code >100}, {@code ≤0.5}),
 * a non-detect word (ND, BDL…, its limit unknown unless a detection-limit column gives it), or text that is none of
 * these. A censored value is never read as 0 nor dropped: its bound and direction are kept.
 *
 * @param value     the number, when the text is one (null when censored or text)
 * @param censoring {@code <} (below the limit) or {@code >} (above it); null when not censored
 * @param limit     the stated bound of a censored value, null when the text gives none (ND)
 */
public record LabValue(Double value, String censoring, Double limit) {

    /** Words for "not detected" when the layout names none. */
    public static final List<String> DEFAULT_MARKERS = List.of("ND", "N.D.", "BDL", "<DL", "<LOD", "<MDL", "<RL",
            "<LOQ", "NON-DETECT", "NOT DETECTED", "BELOW DETECTION LIMIT", "U");

    private static final Pattern BOUND = Pattern.compile("^(<=|>=|<|>|≤|≥)\\s*(\\S+?)(\\s*[A-Za-zµ/%]+.*)?$");
    private static final LabValue TEXT = new LabValue(null, null, null);

    public boolean isNumber() {
        return value != null;
    }

    public boolean isCensored() {
        return censoring != null;
    }

    public static LabValue parse(String text, List<String> markers) {
        if (text == null || text.isBlank()) {
            return TEXT;
        }
        String s = text.strip();
        Double n = Values.number(s);
        if (n != null) {
            return new LabValue(n, null, null);
        }
        String upper = s.toUpperCase(Locale.ROOT);
        for (String m : markers == null ? DEFAULT_MARKERS : markers) {
            if (upper.equals(m.toUpperCase(Locale.ROOT))) {
                return new LabValue(null, "<", null);
            }
        }
        Matcher b = BOUND.matcher(s);
        if (b.matches()) {
            Double limit = Values.number(b.group(2));
            if (limit != null) {
                return new LabValue(null, b.group(1).startsWith("<") || b.group(1).equals("≤") ? "<" : ">", limit);
            }
        }
        return TEXT;
    }
}
