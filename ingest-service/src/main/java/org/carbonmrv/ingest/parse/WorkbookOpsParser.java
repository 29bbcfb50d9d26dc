package org.carbonmrv.ingest.parse;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Date1904Support;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellReference;
import org.carbonmrv.ingest.config.IngestConfig;
import org.carbonmrv.ingest.layout.LayoutDefinition;
import org.carbonmrv.ingest.layout.LayoutDefinition.Header;
import org.carbonmrv.ingest.layout.LayoutProfile;

import com.github.pjfanning.xlsx.StreamingReader;

/**
 * Reads a daily operations workbook (.xlsx streamed row by row, legacy .xls through HSSF) as its layout profile
 * describes it. Numbers come from the cells' stored values (a formula's cached result), never from display text;
 * text cells holding numbers are parsed, thousands separators included; dates come from date cells, date formulas
 * or text.
 */
@ApplicationScoped
public class WorkbookOpsParser {

    private static final double MIN_EXCEL_DATE = 1; // 1900-01-01
    private static final double MAX_EXCEL_DATE = 109574; // 2199-12-31

    private final IngestConfig config;

    public WorkbookOpsParser(IngestConfig config) {
        this.config = config;
        ZipSecureFile.setMinInflateRatio(config.workbook().minInflateRatio());
        ZipSecureFile.setMaxEntrySize(config.workbook().maxEntryBytes());
    }

    /** Sheet names of a workbook, for layout detection. */
    public List<String> sheetNames(Path file, FileFormat format) {
        try (Workbook wb = open(file, format)) {
            return sheetNames(wb);
        } catch (Exception | OutOfMemoryError e) {
            throw new RejectedFileException(ParseProblem.file("the workbook cannot be read: " + describe(e)));
        }
    }

    private static List<String> sheetNames(Workbook wb) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < wb.getNumberOfSheets(); i++) {
            names.add(wb.getSheetName(i));
        }
        return names;
    }

    /** @return the export's generation time when the layout locates one */
    public LocalDateTime parse(Path file, FileFormat format, LayoutProfile profile, String givenPlant,
            RecordSink sink, ParseReport report) {
        LayoutDefinition def = profile.definition;
        try (Workbook wb = open(file, format)) {
            // the streaming reader throws for an unknown name instead of returning null
            Sheet sheet = sheetNames(wb).contains(def.sheet()) ? wb.getSheet(def.sheet()) : null;
            if (sheet == null) {
                throw new RejectedFileException(ParseProblem.file("no sheet named '" + def.sheet() + "' (layout "
                        + profile.id + "); the workbook has " + sheetNames(wb)));
            }
            boolean date1904 = wb instanceof Date1904Support d && d.isDate1904();
            return new SheetReader(sheet, def, givenPlant, date1904, sink, report).read();
        } catch (RejectedFileException e) {
            throw e;
        } catch (Exception | OutOfMemoryError e) {
            throw new RejectedFileException(ParseProblem.file("the workbook cannot be read: " + describe(e)));
        }
    }

    private static String describe(Throwable e) {
        String msg = e.getMessage();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("Zip bomb")) {
                return "it looks like a zip bomb (compression ratio beyond the safety limit)";
            }
            msg = t.getMessage() != null ? t.getMessage() : msg;
        }
        String text = msg == null ? e.getClass().getSimpleName() : msg;
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private Workbook open(Path file, FileFormat format) throws IOException {
        if (format == FileFormat.XLS) {
            return new HSSFWorkbook(new POIFSFileSystem(file.toFile(), true));
        }
        return StreamingReader.builder().rowCacheSize(200).bufferSize(1 << 16).setReadComments(false)
                .setReadHyperlinks(false).setReadShapes(false).setReadCoreProperties(false)
                .open(file.toFile());
    }

    /** A cell's content as stored: a number, a text, or nothing. */
    private record CellValue(Double number, String text) {
        static final CellValue BLANK = new CellValue(null, null);

        boolean isBlank() {
            return number == null && (text == null || text.isBlank());
        }

        String display() {
            return number != null ? String.valueOf(number) : text;
        }
    }

    private static CellValue value(Cell cell) {
        if (cell == null) {
            return CellValue.BLANK;
        }
        CellType type = cell.getCellType();
        if (type == CellType.FORMULA) {
            type = cell.getCachedFormulaResultType();
        }
        return switch (type) {
            case NUMERIC -> new CellValue(cell.getNumericCellValue(), null);
            case STRING -> {
                String s = cell.getStringCellValue();
                Double n = Values.number(s);
                yield n != null ? new CellValue(n, s) : new CellValue(null, s);
            }
            case BOOLEAN -> new CellValue(null, String.valueOf(cell.getBooleanCellValue()));
            case ERROR -> new CellValue(null, errorText(cell));
            default -> CellValue.BLANK;
        };
    }

    private static String errorText(Cell cell) {
        try {
            return FormulaError.forInt(cell.getErrorCellValue()).getString();
        } catch (RuntimeException e) {
            return "#ERROR";
        }
    }

    /** One pass over the rows of one sheet. */
    private final class SheetReader {
        private final Sheet sheet;
        private final LayoutDefinition def;
        private final Header header;
        private final String givenPlant;
        private final boolean date1904;
        private final RecordSink sink;
        private final ParseReport report;
        private final int dateCol;
        private final int dataStart;
        private final Set<String> nonDayLabels;
        /** header row → column → text */
        private final Map<Integer, Map<Integer, String>> headerCells = new TreeMap<>();
        private final Map<String, CellValue> namedCells = new HashMap<>();
        private Map<Integer, ColumnInfo> columns;
        private Map<String, Integer> fieldColumn;
        private final Map<Integer, String> fieldOfColumn = new HashMap<>();
        private String plant;
        private final Map<LocalDate, Long> seenDays = new HashMap<>();
        private int days;

        SheetReader(Sheet sheet, LayoutDefinition def, String givenPlant, boolean date1904, RecordSink sink,
                ParseReport report) {
            this.sheet = sheet;
            this.def = def;
            this.header = def.header();
            this.givenPlant = givenPlant;
            this.date1904 = date1904;
            this.sink = sink;
            this.report = report;
            this.dateCol = CellReference.convertColStringToIndex(def.dateColumn());
            this.dataStart = def.dataStartRow() == null ? header.lastRow() + 1 : def.dataStartRow();
            this.nonDayLabels = def.nonDayLabels() == null ? Set.of()
                    : def.nonDayLabels().stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        }

        LocalDateTime read() {
            int maxRows = config.workbook().maxRows();
            int maxCols = config.workbook().maxColumns();
            for (Row row : sheet) {
                int r = row.getRowNum() + 1;
                if (r > maxRows) {
                    throw new RejectedFileException(ParseProblem.at(sheet.getSheetName(), r, null,
                            "the sheet has more than " + maxRows + " rows: refused as unsafe"));
                }
                if (row.getLastCellNum() > maxCols) {
                    throw new RejectedFileException(ParseProblem.at(sheet.getSheetName(), r, null,
                            "the sheet has more than " + maxCols + " columns: refused as unsafe"));
                }
                captureNamedCells(row, r);
                if (r < dataStart) {
                    if (r >= header.firstRow() && r <= headerLastRow()) {
                        Map<Integer, String> cells = new TreeMap<>();
                        for (Cell c : row) {
                            CellValue v = value(c);
                            if (!v.isBlank()) {
                                cells.put(c.getColumnIndex(), v.text != null ? v.text : v.display());
                            }
                        }
                        headerCells.put(r, cells);
                    }
                    continue;
                }
                if (columns == null) {
                    startData();
                }
                dataRow(row, r);
            }
            if (columns == null) {
                throw new RejectedFileException(ParseProblem.at(sheet.getSheetName(), dataStart, null,
                        "no rows after the header: the sheet ends before row " + dataStart));
            }
            if (days == 0) {
                throw new RejectedFileException(ParseProblem.file("no day rows found in sheet '"
                        + sheet.getSheetName() + "' (a day row has a date in column " + def.dateColumn() + ")"));
            }
            report.throwIfErrors();
            return generatedAt();
        }

        private int headerLastRow() {
            return header.unitRow() != null ? Math.max(header.lastRow(), header.unitRow()) : header.lastRow();
        }

        private void captureNamedCells(Row row, int r) {
            for (LayoutDefinition.CellRef ref : new LayoutDefinition.CellRef[] {def.plantCell(), def.generatedAtCell()}) {
                if (ref != null) {
                    CellReference cr = new CellReference(ref.cell());
                    if (cr.getRow() + 1 == r) {
                        namedCells.put(ref.cell(), value(row.getCell(cr.getCol())));
                    }
                }
            }
        }

        /** Builds the column names from the header block, maps the profile's fields, resolves the plant. */
        private void startData() {
            columns = buildColumns();
            fieldColumn = new LinkedHashMap<>();
            List<ParseProblem> problems = new ArrayList<>();
            def.columns().forEach((field, regex) -> {
                Pattern p = Pattern.compile(regex);
                List<Integer> matches = columns.entrySet().stream().filter(e -> p.matcher(e.getValue().name).find())
                        .map(Map.Entry::getKey).toList();
                if (matches.size() > 1) {
                    problems.add(ParseProblem.at(sheet.getSheetName(), header.firstRow(), null, "field " + field
                            + " matches several columns: " + matches.stream().map(this::label).toList()));
                } else if (matches.size() == 1) {
                    int col = matches.get(0);
                    String expectedUnit = def.units() == null ? null : def.units().get(field);
                    String unit = columns.get(col).unit;
                    if (expectedUnit != null && unit != null && !expectedUnit.equalsIgnoreCase(unit)) {
                        problems.add(ParseProblem.at(sheet.getSheetName(), header.firstRow(),
                                CellReference.convertNumToColString(col), "column " + label(col) + " is in " + unit
                                        + " but field " + field + " must be in " + expectedUnit));
                    }
                    fieldColumn.put(field, col);
                }
            });
            for (String field : def.requiredFields() == null ? List.<String>of() : def.requiredFields()) {
                if (!fieldColumn.containsKey(field)) {
                    problems.add(ParseProblem.at(sheet.getSheetName(), header.firstRow(), null, "no column for "
                            + field + " (pattern " + def.columns().get(field) + "); the header has "
                            + columns.values().stream().map(c -> c.name).limit(40).toList()));
                }
            }
            if (!problems.isEmpty()) {
                throw new RejectedFileException(problems, problems.size());
            }
            fieldColumn.forEach((f, c) -> fieldOfColumn.put(c, f));
            plant = resolvePlant();
        }

        private String label(int col) {
            return CellReference.convertNumToColString(col) + " '" + columns.get(col).name + "'";
        }

        private String resolvePlant() {
            if (def.plantCell() == null) {
                return givenPlant; // the upload said which plant (checked before parsing)
            }
            CellValue v = namedCells.getOrDefault(def.plantCell().cell(), CellValue.BLANK);
            String fromFile = v.isBlank() ? null : v.display().strip();
            if (fromFile == null) {
                if (givenPlant == null) {
                    throw new RejectedFileException(ParseProblem.at(sheet.getSheetName(),
                            new CellReference(def.plantCell().cell()).getRow() + 1, def.plantCell().cell(),
                            "the plant cell is empty and the upload names no plant"));
                }
                return givenPlant;
            }
            if (givenPlant != null && !givenPlant.equals(fromFile)) {
                throw new RejectedFileException(ParseProblem.at(sheet.getSheetName(),
                        new CellReference(def.plantCell().cell()).getRow() + 1, def.plantCell().cell(),
                        "the file names plant '" + fromFile + "' but the upload says '" + givenPlant + "'"));
            }
            return fromFile;
        }

        private LocalDateTime generatedAt() {
            LayoutDefinition.CellRef ref = def.generatedAtCell();
            if (ref == null) {
                return null;
            }
            CellValue v = namedCells.getOrDefault(ref.cell(), CellValue.BLANK);
            LocalDateTime t = null;
            if (v.number != null && v.text == null && v.number >= MIN_EXCEL_DATE && v.number <= MAX_EXCEL_DATE) {
                t = DateUtil.getLocalDateTime(v.number, date1904);
            } else if (v.text != null) {
                t = Values.dateTime(v.text, ref.formats());
            }
            if (t == null) {
                report.warn(ParseProblem.at(sheet.getSheetName(), new CellReference(ref.cell()).getRow() + 1,
                        ref.cell(), "no export generation time in " + ref.cell() + " ('" + v.display()
                                + "'): the upload time orders this export's versions"));
            }
            return t;
        }

        private Map<Integer, ColumnInfo> buildColumns() {
            Map<Integer, ColumnInfo> out = new TreeMap<>();
            java.util.SortedSet<Integer> cols = new java.util.TreeSet<>();
            headerCells.values().forEach(m -> cols.addAll(m.keySet()));
            Map<Integer, String> group = new HashMap<>();
            for (Integer gr : header.groupRows() == null ? List.<Integer>of() : header.groupRows()) {
                String current = null;
                Map<Integer, String> cells = headerCells.getOrDefault(gr, Map.of());
                for (int c = 0; cols.size() > 0 && c <= cols.last(); c++) {
                    if (cells.containsKey(c)) {
                        current = cells.get(c).strip();
                    }
                    if (current != null) {
                        group.merge(c, current, (a, b) -> a + " / " + b);
                    }
                }
            }
            for (int c : cols) {
                if (c == dateCol) {
                    continue;
                }
                String name;
                String unit = null;
                if (header.cellLineSeparator() != null) {
                    String text = headerCells.getOrDefault(header.firstRow(), Map.of()).get(c);
                    if (text == null) {
                        continue;
                    }
                    List<String> lines = new ArrayList<>();
                    for (String l : text.split(Pattern.quote(header.cellLineSeparator()))) {
                        if (!l.isBlank()) {
                            lines.add(l.strip());
                        }
                    }
                    name = String.join(" / ", lines);
                    unit = unitOf(lines);
                } else {
                    List<String> parts = new ArrayList<>();
                    for (int r = header.firstRow(); r <= header.lastRow(); r++) {
                        if (isIn(header.groupRows(), r) || isIn(header.ignoreRows(), r)) {
                            continue;
                        }
                        String t = headerCells.getOrDefault(r, Map.of()).get(c);
                        if (t != null && !t.isBlank()) {
                            parts.add(t.strip());
                        }
                    }
                    if (header.unitRow() != null) {
                        String u = headerCells.getOrDefault(header.unitRow(), Map.of()).get(c);
                        unit = u == null || u.isBlank() ? null : u.strip();
                    }
                    String fragments = String.join(" ", parts);
                    String g = group.get(c);
                    name = (g == null ? "" : g + " / ") + fragments + (unit == null ? "" : " [" + unit + "]");
                }
                if (!name.isBlank()) {
                    out.put(c, new ColumnInfo(name, unit));
                }
            }
            return out;
        }

        private String unitOf(List<String> lines) {
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

        private void dataRow(Row row, int r) {
            CellValue dateCell = value(row.getCell(dateCol));
            LocalDate day = null;
            if (dateCell.number != null && dateCell.text == null) {
                if (dateCell.number >= MIN_EXCEL_DATE && dateCell.number <= MAX_EXCEL_DATE) {
                    day = DateUtil.getLocalDateTime(dateCell.number, date1904).toLocalDate();
                }
            } else if (dateCell.text != null) {
                day = Values.date(dateCell.text, def.dateFormats());
            }
            if (day == null) {
                skipNonDay(row, dateCell);
                return;
            }
            report.rowRead();
            Map<String, Double> values = new LinkedHashMap<>();
            Map<String, String> sources = new LinkedHashMap<>();
            Map<String, Object> other = new LinkedHashMap<>();
            for (Map.Entry<Integer, ColumnInfo> e : columns.entrySet()) {
                int c = e.getKey();
                CellValue v = value(row.getCell(c));
                String field = fieldOfColumn.get(c);
                if (field != null) {
                    sources.put(field, CellReference.convertNumToColString(c) + ": " + e.getValue().name);
                    if (v.number != null) {
                        values.put(field, v.number);
                    } else if (!v.isBlank()) {
                        report.warn(ParseProblem.at(sheet.getSheetName(), r, CellReference.convertNumToColString(c),
                                field + ": '" + v.text + "' is not a number: stored as missing"));
                    }
                } else if (!v.isBlank()) {
                    Map<String, Object> cell = new LinkedHashMap<>();
                    if (v.number != null) {
                        cell.put("value", v.number);
                    } else {
                        cell.put("text", v.text);
                    }
                    if (e.getValue().unit != null) {
                        cell.put("unit", e.getValue().unit);
                    }
                    cell.put("column", CellReference.convertNumToColString(c));
                    other.put(e.getValue().name, cell);
                }
            }
            Long previous = seenDays.put(day, (long) r);
            if (previous != null) {
                report.warn(ParseProblem.at(sheet.getSheetName(), r, def.dateColumn(),
                        day + " appears again (first at row " + previous + "): both kept, the later row is current"));
            }
            sink.ops(new RecordSink.OpsRecord(sheet.getSheetName(), r, plant, day, values, sources, other));
            report.recordStored();
            days++;
        }

        private void skipNonDay(Row row, CellValue dateCell) {
            String label = dateCell.text == null ? null : dateCell.text.strip();
            if (label != null && nonDayLabels.contains(label.toLowerCase(Locale.ROOT))) {
                report.skip("summary row (" + label + ")");
                return;
            }
            boolean hasContent = false;
            for (Cell c : row) {
                if (!value(c).isBlank()) {
                    hasContent = true;
                    break;
                }
            }
            if (!hasContent) {
                report.skip("blank row");
            } else if (label == null || label.isEmpty()) {
                report.skip("row without a date (tags, formulas)");
            } else {
                report.skip("text row (notes, titles)");
            }
        }
    }

    private static boolean isIn(List<Integer> rows, int r) {
        return rows != null && rows.contains(r);
    }

    private record ColumnInfo(String name, String unit) {
    }
}
