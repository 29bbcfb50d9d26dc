package org.carbonmrv.ingest.layout;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.carbonmrv.common.problem.Problem;
import org.carbonmrv.common.units.MeasurementUnit;
import org.carbonmrv.common.units.UnitCatalog;
import org.carbonmrv.common.vocabulary.RecordType;

/**
 * What a layout must say before it is stored: only known fields, required fields mapped, valid patterns and zones,
 * and a unit for every quantity it maps, declared or read from the file's header, so that no number is stored in a
 * unit nobody named. Each problem names the field at fault.
 */
public final class LayoutValidator {

    private LayoutValidator() {
    }

    /** The problems of a proposed layout, as {@link Problem#violation} maps; empty when it can be stored. */
    public static List<Map<String, Object>> problems(RecordType type, boolean workbook, LayoutDefinition def) {
        List<Map<String, Object>> out = new ArrayList<>();
        Map<String, LayoutFields.Field> known = LayoutFields.of(type);
        def.columns().forEach((field, source) -> {
            if (!known.containsKey(field)) {
                out.add(Problem.violation("definition.columns." + field, "not a field of " + type + " records; known: "
                        + known.keySet()));
            } else if (workbook) {
                regex(field, source, out);
            }
        });
        for (String f : def.requiredFields() == null ? List.<String>of() : def.requiredFields()) {
            if (!def.columns().containsKey(f)) {
                out.add(Problem.violation("definition.required_fields", f + " is required but not mapped in columns"));
            }
        }
        units(type, workbook, def, known, out);
        patterns("definition.date_formats", def.dateFormats(), out);
        patterns("definition.timestamp_formats", def.timestampFormats(), out);
        zone(def.timestampZone(), out);
        if (workbook && (def.sheet() == null || def.header() == null || def.dateColumn() == null)) {
            out.add(Problem.violation("definition", "a workbook layout needs sheet, header and date_column"));
        }
        return out;
    }

    private static void units(RecordType type, boolean workbook, LayoutDefinition def,
            Map<String, LayoutFields.Field> known, List<Map<String, Object>> out) {
        Map<String, String> units = def.units() == null ? Map.of() : def.units();
        boolean unitColumn = def.columns().containsKey("unit");
        boolean headerUnits = Boolean.TRUE.equals(def.unitsInHeaders()) || workbook && def.header() != null
                && (def.header().unitRow() != null || def.header().cellLineSeparator() != null);
        units.forEach((field, unit) -> {
            LayoutFields.Field f = known.get(field);
            if (f == null || !f.quantity() || !def.columns().containsKey(field)) {
                out.add(Problem.violation("definition.units." + field, "not a quantity this layout maps"));
            }
        });
        for (Map.Entry<String, String> c : def.columns().entrySet()) {
            LayoutFields.Field f = known.get(c.getKey());
            if (f == null || !f.quantity()) {
                continue;
            }
            String declared = units.get(f.name());
            String at = "definition.units." + f.name();
            if (declared == null) {
                if (!headerUnits && !unitColumn) {
                    out.add(Problem.violation(at, f.name() + " is a quantity and no unit is declared for it nor read "
                            + "from the file: declare the unit its column is in (e.g. \"m3/d\"), or set "
                            + "units_in_headers when the header names it"));
                }
            } else if (LayoutFields.PER_ROW.equals(declared)) {
                if (!unitColumn) {
                    out.add(Problem.violation(at, "per_row needs a unit column (columns.unit)"));
                }
            } else {
                declaredUnit(at, declared, f, out);
            }
        }
    }

    private static void declaredUnit(String at, String declared, LayoutFields.Field f, List<Map<String, Object>> out) {
        Optional<MeasurementUnit> u = UnitCatalog.parse(declared);
        if (u.isEmpty()) {
            out.add(Problem.violation(at, "'" + declared + "' is not a unit known here"
                    + f.fixed().map(q -> "; " + q + " units: " + UnitCatalog.known(q)).orElse("")));
        } else if (f.fixed().isPresent() && f.fixed().get() != u.get().quantity()) {
            out.add(Problem.violation(at, "'" + declared + "' measures " + u.get().quantity() + ", but "
                    + f.name() + " is a " + f.fixed().get()));
        }
    }

    private static void regex(String field, String source, List<Map<String, Object>> out) {
        try {
            Pattern.compile(source);
        } catch (PatternSyntaxException e) {
            out.add(Problem.violation("definition.columns." + field, "not a regular expression: "
                    + e.getDescription()));
        }
    }

    private static void patterns(String at, List<String> patterns, List<Map<String, Object>> out) {
        for (String p : patterns == null ? List.<String>of() : patterns) {
            try {
                DateTimeFormatter.ofPattern(p);
            } catch (IllegalArgumentException e) {
                out.add(Problem.violation(at, "'" + p + "' is not a date-time pattern: " + e.getMessage()));
            }
        }
    }

    private static void zone(String zone, List<Map<String, Object>> out) {
        if (zone == null || zone.equals("plant") || zone.equals("offset")) {
            return;
        }
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            out.add(Problem.violation("definition.timestamp_zone", "'" + zone + "' is neither plant, offset nor an "
                    + "IANA time zone (UTC, America/Chicago)"));
        }
    }
}
