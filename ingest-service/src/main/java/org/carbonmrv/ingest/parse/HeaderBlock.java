package org.carbonmrv.ingest.parse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.carbonmrv.ingest.layout.LayoutDefinition.Header;

/**
 * A workbook's header block and the column names it gives, as a layout describes it: one cell holding lines (name,
 * code, description, unit, frequency), or rows of name fragments under group rows filled to the right, with a unit
 * row; or names that carry their unit ({@code Effluent Flow (m3/d)}).
 */
final class HeaderBlock {

    /** A column's joined name and the unit its header states (null: none). */
    record Column(String name, String unit) {
    }

    private static final Pattern NAME_AND_UNIT = Pattern.compile("^(.*?)\\s*[(\\[]\\s*([^()\\[\\]]+?)\\s*[)\\]]\\s*$");

    private final Header header;
    private final int dateColumn;
    private final boolean unitsInNames;
    /** header row → column → text */
    private final Map<Integer, Map<Integer, String>> cells = new TreeMap<>();

    HeaderBlock(Header header, int dateColumn, boolean unitsInNames) {
        this.header = header;
        this.dateColumn = dateColumn;
        this.unitsInNames = unitsInNames;
    }

    /** The last row (1-based) that belongs to the block. */
    int lastRow() {
        return header.unitRow() != null ? Math.max(header.lastRow(), header.unitRow()) : header.lastRow();
    }

    boolean contains(int row) {
        return row >= header.firstRow() && row <= lastRow();
    }

    void add(Row row, int r) {
        Map<Integer, String> texts = new TreeMap<>();
        for (Cell c : row) {
            WorkbookCells.CellValue v = WorkbookCells.value(c);
            if (!v.isBlank()) {
                texts.put(c.getColumnIndex(), v.text() != null ? v.text() : v.display());
            }
        }
        cells.put(r, texts);
    }

    /** Every named column but the date column, by index. */
    Map<Integer, Column> columns() {
        Map<Integer, Column> out = new TreeMap<>();
        SortedSet<Integer> cols = new TreeSet<>();
        cells.values().forEach(m -> cols.addAll(m.keySet()));
        Map<Integer, String> groups = groups(cols);
        for (int c : cols) {
            if (c == dateColumn) {
                continue;
            }
            Column col = header.cellLineSeparator() != null ? lines(c) : fragments(c, groups.get(c));
            if (col != null && !col.name().isBlank()) {
                out.put(c, inName(col));
            }
        }
        return out;
    }

    /** A unit named after the name counts when the header states none otherwise. */
    private Column inName(Column c) {
        if (!unitsInNames || c.unit() != null) {
            return c;
        }
        Matcher m = NAME_AND_UNIT.matcher(c.name());
        return m.matches() ? new Column(c.name(), m.group(2)) : c;
    }

    /** Each column's group text(s), a group filled to the right until the next one. */
    private Map<Integer, String> groups(SortedSet<Integer> cols) {
        Map<Integer, String> group = new HashMap<>();
        for (Integer gr : header.groupRows() == null ? List.<Integer>of() : header.groupRows()) {
            String current = null;
            Map<Integer, String> row = cells.getOrDefault(gr, Map.of());
            for (int c = 0; !cols.isEmpty() && c <= cols.last(); c++) {
                if (row.containsKey(c)) {
                    current = row.get(c).strip();
                }
                if (current != null) {
                    group.merge(c, current, (a, b) -> a + " / " + b);
                }
            }
        }
        return group;
    }

    private Column lines(int c) {
        String text = cells.getOrDefault(header.firstRow(), Map.of()).get(c);
        if (text == null) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        for (String l : text.split(Pattern.quote(header.cellLineSeparator()))) {
            if (!l.isBlank()) {
                lines.add(l.strip());
            }
        }
        return new Column(String.join(" / ", lines), unitLine(lines));
    }

    /** The unit line: the last one, or the one before a reporting frequency (Daily…). */
    private String unitLine(List<String> lines) {
        if (lines.size() < 2) {
            return null;
        }
        int last = lines.size() - 1;
        List<String> freq = header.frequencyWords() == null ? List.of() : header.frequencyWords();
        if (freq.stream().anyMatch(f -> f.equalsIgnoreCase(lines.get(last)))) {
            return last >= 2 ? lines.get(last - 1) : null;
        }
        return lines.get(last);
    }

    private Column fragments(int c, String group) {
        List<String> parts = new ArrayList<>();
        for (int r = header.firstRow(); r <= header.lastRow(); r++) {
            if (isIn(header.groupRows(), r) || isIn(header.ignoreRows(), r)) {
                continue;
            }
            String t = cells.getOrDefault(r, Map.of()).get(c);
            if (t != null && !t.isBlank()) {
                parts.add(t.strip());
            }
        }
        String unit = null;
        if (header.unitRow() != null) {
            String u = cells.getOrDefault(header.unitRow(), Map.of()).get(c);
            unit = u == null || u.isBlank() ? null : u.strip();
        }
        String name = (group == null ? "" : group + " / ") + String.join(" ", parts)
                + (unit == null ? "" : " [" + unit + "]");
        return new Column(name, unit);
    }

    private static boolean isIn(List<Integer> rows, int r) {
        return rows != null && rows.contains(r);
    }
}
