package org.carbonmrv.ingest.parse;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.carbonmrv.common.units.Analyte;
import org.carbonmrv.common.units.Conversion;
import org.carbonmrv.common.units.Quantity;
import org.carbonmrv.ingest.layout.LayoutDefinition;
import org.carbonmrv.ingest.layout.LayoutFields;

import de.siegmar.fastcsv.reader.CsvRecord;

/**
 * Rows of a lab file: plant (registered, the day inside its active period), sample date, point, parameter, value as
 * labs write it (censored values kept with their bound), its unit converted to the parameter's canonical one (mg/L
 * for calcium; a parameter whose chemistry is unknown is kept in the unit it was given), uncertainty and detection
 * limit in the same way, and every other column as metadata.
 */
final class LabRows implements CsvRecordParser.RowReader {

    private final CsvColumns cols;
    private final LayoutDefinition def;
    private final ParseContext ctx;
    private final List<String> header;
    private final boolean[] mapped;
    private final RowPlants plants;
    /** Resolutions by parameter and stated unit: a file has few of each. */
    private final Map<String, ColumnUnit.Resolution> units = new HashMap<>();

    LabRows(CsvColumns cols, ParseContext ctx, List<String> header) {
        this.cols = cols;
        this.def = ctx.profile().definition();
        this.ctx = ctx;
        this.header = header;
        this.mapped = new boolean[header.size()];
        cols.index().values().forEach(i -> mapped[i] = true);
        this.plants = new RowPlants(ctx, cols.header("plant"));
    }

    @Override
    public boolean read(CsvRecord rec, long line, RecordSink sink, ParseReport report) {
        String plant = plants.of(cols.get(rec, "plant"), line, report);
        String dateText = cols.get(rec, "sample_date");
        LocalDate date = Values.date(dateText, def.dateFormats());
        boolean ok = plant != null;
        if (date == null) {
            report.error(ParseProblem.at(line, cols.header("sample_date"), "'" + dateText + "' is not a date (expected "
                    + def.dateFormats() + ")"));
            ok = false;
        } else if (plant != null && !plants.inActivePeriod(plant, date, line, cols.header("sample_date"), report)) {
            ok = false;
        }
        String point = cols.get(rec, "point");
        String parameter = cols.get(rec, "parameter");
        if (Values.isBlank(point) || Values.isBlank(parameter)) {
            report.error(ParseProblem.at(line, Values.isBlank(point) ? cols.header("point") : cols.header("parameter"),
                    "empty sampling point or parameter"));
            return false;
        }
        Measurement m = measurement(rec, line, parameter, report);
        if (!ok || m == null) {
            return false;
        }
        sink.lab(new RecordSink.LabRecord(line, plant, date, emptyToNull(cols.get(rec, "unique_id")), point,
                parameter, m.canonical, m.original, m.censoring, m.raw, replicate(rec), metadata(rec, m)));
        return true;
    }

    /** A row's numbers in both units, or null when the row is refused (its error reported). */
    private record Measurement(RecordSink.Measured canonical, RecordSink.Measured original, String censoring,
            String raw, String uncertaintyText) {
    }

    private Measurement measurement(CsvRecord rec, long line, String parameter, ParseReport report) {
        String raw = cols.get(rec, "value");
        LabValue v = LabValue.parse(raw, def.censoredMarkers());
        if (!v.isNumber() && !v.isCensored()) {
            report.warn(ParseProblem.at(line, cols.header("value"), "value '" + raw + "' is not a number: kept as text"));
        }
        String uncText = cols.get(rec, "uncertainty");
        Double unc = Values.number(uncText);
        if (unc == null && !Values.isBlank(uncText)) {
            report.warn(ParseProblem.at(line, cols.header("uncertainty"), "uncertainty '" + uncText
                    + "' is not a number: ignored (kept in metadata)"));
        }
        Double limit = v.limit() != null ? v.limit() : Values.number(cols.get(rec, "detection_limit"));
        String statedUnit = Optional.ofNullable(emptyToNull(cols.get(rec, "unit")))
                .orElse(cols.statedUnit().get("value"));
        ColumnUnit.Resolution r = unit(parameter, statedUnit);
        RecordSink.Measured original = new RecordSink.Measured(v.value(), unc, limit, statedUnit != null ? statedUnit
                : declared());
        if (r instanceof ColumnUnit.Unresolved u) {
            if (Analyte.of(parameter).isPresent()) {
                report.error(ParseProblem.at(line, unitColumn(), u.reason()));
                return null;
            }
            // a parameter no figure uses, in a unit without a conversion here: kept as given
            return new Measurement(original, original, v.censoring(), v.isNumber() ? null : raw, uncText);
        }
        Conversion c = ((ColumnUnit.Resolved) r).conversion();
        RecordSink.Measured canonical = new RecordSink.Measured(apply(c, v.value()), apply(c, unc), apply(c, limit),
                c.from().quantity().canonicalSymbol);
        return new Measurement(canonical, original, v.censoring(), v.isNumber() ? null : raw, uncText);
    }

    private ColumnUnit.Resolution unit(String parameter, String stated) {
        return units.computeIfAbsent(parameter + "\u0000" + stated, k -> {
            Optional<Analyte> analyte = Analyte.of(parameter);
            return ColumnUnit.resolve("value", unitColumn(), declared(), stated,
                    analyte.map(a -> Quantity.CONCENTRATION), analyte);
        });
    }

    /** The layout's unit for the value, unless it says each row states its own. */
    private String declared() {
        String d = def.units() == null ? null : def.units().get("value");
        return LayoutFields.PER_ROW.equals(d) ? null : d;
    }

    private String unitColumn() {
        return cols.header("unit") != null ? cols.header("unit") : cols.header("value");
    }

    private static Double apply(Conversion c, Double v) {
        return v == null ? null : c.apply(v);
    }

    private Integer replicate(CsvRecord rec) {
        Double rep = Values.number(cols.get(rec, "replicate"));
        return rep != null && rep == Math.rint(rep) ? rep.intValue() : null;
    }

    private Map<String, String> metadata(CsvRecord rec, Measurement m) {
        Map<String, String> metadata = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            if (!mapped[i]) {
                metadata.put(header.get(i), emptyToNull(rec.getField(i)));
            }
        }
        if (m.original.uncertainty() == null && !Values.isBlank(m.uncertaintyText)) {
            metadata.put(cols.header("uncertainty"), m.uncertaintyText);
        }
        return metadata;
    }

    static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
