package org.carbonmrv.ingest.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.poi.ss.util.CellReference;
import org.carbonmrv.common.units.Conversion;
import org.carbonmrv.ingest.layout.LayoutDefinition;
import org.carbonmrv.ingest.layout.LayoutFields;
import org.carbonmrv.common.vocabulary.RecordType;

/**
 * Which column is which field of an operations workbook (the layout's regular expressions over the joined header),
 * and the unit each is converted from (declared by the layout, stated by the header, or both in agreement).
 */
final class OpsFields {

    /** A mapped field: its column, where it came from (for lineage), and its conversion to the canonical unit. */
    record Field(String name, int column, String source, Conversion conversion) {
    }

    private final Map<Integer, Field> byColumn = new LinkedHashMap<>();

    private OpsFields() {
    }

    Field at(int column) {
        return byColumn.get(column);
    }

    /** The fields of a header; refused (every problem listed) when a field is ambiguous, missing or in a bad unit. */
    static OpsFields map(LayoutDefinition def, Map<Integer, HeaderBlock.Column> columns, String sheet, int headerRow) {
        OpsFields out = new OpsFields();
        List<ParseProblem> problems = new ArrayList<>();
        Map<String, LayoutFields.Field> known = LayoutFields.of(RecordType.OPS);
        def.columns().forEach((field, regex) -> {
            Pattern p = Pattern.compile(regex);
            List<Integer> matches = columns.entrySet().stream().filter(e -> p.matcher(e.getValue().name()).find())
                    .map(Map.Entry::getKey).toList();
            if (matches.size() > 1) {
                problems.add(ParseProblem.at(sheet, headerRow, null, "field " + field + " matches several columns: "
                        + matches.stream().map(c -> label(c, columns)).toList()));
            } else if (matches.size() == 1) {
                int col = matches.get(0);
                String declared = def.units() == null ? null : def.units().get(field);
                ColumnUnit.Resolution r = ColumnUnit.resolve(field, label(col, columns), declared,
                        columns.get(col).unit(), known.get(field).fixed(), Optional.empty());
                if (r instanceof ColumnUnit.Resolved ok) {
                    out.byColumn.put(col, new Field(field, col, CellReference.convertNumToColString(col) + ": "
                            + columns.get(col).name(), ok.conversion()));
                } else {
                    problems.add(ParseProblem.at(sheet, headerRow, CellReference.convertNumToColString(col),
                            ((ColumnUnit.Unresolved) r).reason()));
                }
            }
        });
        for (String field : def.requiredFields() == null ? List.<String>of() : def.requiredFields()) {
            if (out.byColumn.values().stream().noneMatch(f -> f.name().equals(field)) && problems.stream()
                    .noneMatch(pr -> pr.reason().contains(field))) {
                problems.add(ParseProblem.at(sheet, headerRow, null, "no column for " + field + " (pattern "
                        + def.columns().get(field) + "); the header has " + columns.values().stream()
                                .map(HeaderBlock.Column::name).limit(40).toList()));
            }
        }
        if (!problems.isEmpty()) {
            throw new RejectedFileException(problems, problems.size());
        }
        return out;
    }

    private static String label(int col, Map<Integer, HeaderBlock.Column> columns) {
        return CellReference.convertNumToColString(col) + " '" + columns.get(col).name() + "'";
    }
}
