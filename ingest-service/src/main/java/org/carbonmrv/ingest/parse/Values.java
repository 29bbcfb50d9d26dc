package org.carbonmrv.ingest.parse;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.io.NumberInput;

/** Parsing of numbers and dates written as text, shared by every layout. */
public final class Values {

    // 1,437.30 or 1437.30 or -0.5 or 1e-3; a comma is accepted only as a thousands separator.
    private static final Pattern THOUSANDS = Pattern.compile("[+-]?\\d{1,3}(,\\d{3})+(\\.\\d*)?");
    private static final Map<String, DateTimeFormatter> FORMATTERS = new ConcurrentHashMap<>();

    private Values() {
    }

    public static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** The number a text states, or null when it states none (blank, ERR, 1.2.3…). */
    public static Double number(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        if (s.isEmpty()) {
            return null;
        }
        if (s.indexOf(',') >= 0) {
            if (!THOUSANDS.matcher(s).matches()) {
                return null;
            }
            s = s.replace(",", "");
        }
        char c = s.charAt(s.length() - 1);
        if (!(Character.isDigit(c) || c == '.')) {
            return null; // rejects NaN, Infinity, 1d, 1f that Double.parseDouble would take
        }
        try {
            // FastDoubleParser (bundled with Jackson): the same correctly rounded double as Double.parseDouble, about
            // a third faster on Java 17 (29 vs 42 ns for values like 7.03); a sensor file has one on every row
            return NumberInput.parseDouble(s, true);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public static DateTimeFormatter formatter(String pattern) {
        return FORMATTERS.computeIfAbsent(pattern,
                p -> DateTimeFormatter.ofPattern(p.replace("yyyy", "uuuu").replace("yy", "uu"), Locale.US)
                        .withResolverStyle(ResolverStyle.STRICT));
    }

    public static LocalDate date(String text, List<String> patterns) {
        if (isBlank(text) || patterns == null) {
            return null;
        }
        String s = text.strip();
        for (String p : patterns) {
            try {
                return LocalDate.parse(s, formatter(p));
            } catch (DateTimeParseException e) {
                // next pattern
            }
        }
        return null;
    }

    /** A date-time with an offset ({@code 2024-11-03T01:30:00-05:00}, {@code …Z}, a space for the T), or null. */
    public static java.time.OffsetDateTime offsetDateTime(String text, List<String> patterns) {
        if (isBlank(text)) {
            return null;
        }
        String s = text.strip();
        try {
            return java.time.OffsetDateTime.parse(s.length() > 10 && s.charAt(10) == ' '
                    ? s.substring(0, 10) + 'T' + s.substring(11) : s);
        } catch (DateTimeParseException e) {
            // the layout's patterns
        }
        for (String p : patterns == null ? List.<String>of() : patterns) {
            try {
                return java.time.OffsetDateTime.parse(s, formatter(p));
            } catch (DateTimeParseException e) {
                // next pattern
            }
        }
        return null;
    }

    public static LocalDateTime dateTime(String text, List<String> patterns) {
        if (isBlank(text) || patterns == null) {
            return null;
        }
        String s = text.strip().toUpperCase(Locale.US);
        for (String p : patterns) {
            try {
                return LocalDateTime.parse(s, formatter(p));
            } catch (DateTimeParseException e) {
                // next pattern
            }
        }
        return null;
    }

    /** Returned by {@link #isoLocalSeconds} for a text not in the ISO form. */
    public static final long NOT_ISO = Long.MIN_VALUE;

    /**
     * Fast path for the common {@code yyyy-MM-dd HH:mm:ss} form: its local wall-clock seconds since
     * 1970-01-01T00:00 when the text is a valid timestamp in that form, else {@link #NOT_ISO} (the caller then tries
     * the layout's patterns). A sensor file has one per row: no formatter, no objects.
     */
    public static long isoLocalSeconds(String s) {
        if (s == null || s.length() != 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != ' '
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return NOT_ISO;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 28 && day > LocalDate.of(year, month, 1)
                .lengthOfMonth() || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return NOT_ISO;
        }
        return LocalDate.of(year, month, day).toEpochDay() * 86_400L + hour * 3600L + minute * 60L + second;
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

}
