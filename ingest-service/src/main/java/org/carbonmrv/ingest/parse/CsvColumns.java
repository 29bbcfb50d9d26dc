package org.carbonmrv.ingest.parse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.carbonmrv.ingest.layout.LayoutDefinition;

import de.siegmar.fastcsv.reader.CsvRecord;

/**
 * Field → column of a CSV header, resolved once. A header may name its unit after the name ({@code Flow (m3/d)},
 * {@code Value [mg/L]}): when the layout says headers carry units, a field matches the name with or without it, and
 * the unit is kept as the column's stated unit.
 */
record CsvColumns(Map<String, Integer> index, Map<String, String> headerOf, Map<String, String> statedUnit) {

    private static final Pattern NAME_AND_UNIT = Pattern.compile("^(.*?)\\s*[(\\[]\\s*([^()\\[\\]]+?)\\s*[)\\]]\\s*$");

    /** The columns of a header, or the problem that the layout's required columns are missing. */
    static CsvColumns resolve(List<String> header, LayoutDefinition def) {
        boolean unitsInHeaders = Boolean.TRUE.equals(def.unitsInHeaders());
        Map<String, Integer> byName = new HashMap<>();
        Map<String, String> unitOfName = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            byName.putIfAbsent(header.get(i), i);
            Matcher m = NAME_AND_UNIT.matcher(header.get(i));
            if (unitsInHeaders && m.matches()) {
                byName.putIfAbsent(m.group(1), i);
                unitOfName.put(header.get(i), m.group(2));
                unitOfName.put(m.group(1), m.group(2));
            }
        }
        Map<String, Integer> index = new HashMap<>();
        Map<String, String> headerOf = new HashMap<>();
        Map<String, String> stated = new HashMap<>();
        def.columns().forEach((field, name) -> {
            Integer i = byName.get(name);
            if (i != null) {
                index.put(field, i);
                headerOf.put(field, header.get(i));
                if (unitOfName.containsKey(name)) {
                    stated.put(field, unitOfName.get(name));
                }
            }
        });
        List<String> missing = new ArrayList<>();
        for (String field : def.requiredFields() == null ? List.<String>of() : def.requiredFields()) {
            if (!index.containsKey(field)) {
                missing.add(def.columns().get(field));
            }
        }
        if (!missing.isEmpty()) {
            String hint = header.size() == 1 && (header.get(0).contains(";") || header.get(0).contains("\t"))
                    ? " (the header is one field: the file seems to use ';' or tab as delimiter, expected ',')"
                    : "";
            throw new RejectedFileException(ParseProblem.at(1, String.join(", ", missing),
                    "missing column(s) " + missing + hint + "; header has " + header));
        }
        return new CsvColumns(index, headerOf, stated);
    }

    String get(CsvRecord rec, String field) {
        return get(rec, indexOf(field));
    }

    /** The position of a field's column, or -1 when the file lacks it: resolved once, not per row. */
    int indexOf(String field) {
        Integer i = index.get(field);
        return i == null ? -1 : i;
    }

    String header(String field) {
        return headerOf.get(field);
    }

    static String get(CsvRecord rec, int i) {
        return i < 0 ? null : rec.getField(i).strip();
    }
}
