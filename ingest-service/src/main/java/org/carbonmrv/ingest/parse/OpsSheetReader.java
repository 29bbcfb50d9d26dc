package org.carbonmrv.ingest.parse;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellReference;
import org.carbonmrv.ingest.config.IngestConfig;
import org.carbonmrv.ingest.layout.LayoutDefinition;
import org.carbonmrv.ingest.plant.Plants;
import org.carbonmrv.ingest.parse.WorkbookCells.CellValue;

/**
 * One pass over an operations sheet: the cells the layout names (plant, generation time) as they go by, the header
 * block, then a plant-day per row with a date; summary, note, title and blank rows are skipped and counted by reason.
 * Numbers come from the cells' stored values (a formula's cached result), never from display text; text cells holding
 * numbers are parsed, thousands separators included; dates come from date cells, date formulas or text.
 */
final class OpsSheetReader {

    private final Sheet sheet;
    private final LayoutDefinition def;
    private final ParseContext ctx;
    private final boolean date1904;
    private final RecordSink sink;
    private final ParseReport report;
    private final IngestConfig.Workbook limits;
    private final int dateCol;
    private final int dataStart;
    private final Set<String> nonDayLabels;
    private final HeaderBlock header;
    private final Map<String, CellValue> namedCells = new HashMap<>();
    private final Map<LocalDate, Long> seenDays = new HashMap<>();
    private Map<Integer, HeaderBlock.Column> columns;
    private OpsFields fields;
    private String plant;
    private int days;

    OpsSheetReader(Sheet sheet, ParseContext ctx, boolean date1904, RecordSink sink, ParseReport report,
            IngestConfig.Workbook limits) {
        this.sheet = sheet;
        this.def = ctx.profile().definition();
        this.ctx = ctx;
        this.date1904 = date1904;
        this.sink = sink;
        this.report = report;
        this.limits = limits;
        this.dateCol = CellReference.convertColStringToIndex(def.dateColumn());
        this.header = new HeaderBlock(def.header(), dateCol, Boolean.TRUE.equals(def.unitsInHeaders()));
        this.dataStart = def.dataStartRow() == null ? def.header().lastRow() + 1 : def.dataStartRow();
        this.nonDayLabels = def.nonDayLabels() == null ? Set.of()
                : def.nonDayLabels().stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    String plant() {
        return plant;
    }

    /** @return the export's local generation time, when the layout locates one */
    LocalDateTime read() {
        for (Row row : sheet) {
            int r = row.getRowNum() + 1;
            checkSize(row, r);
            captureNamedCells(row, r);
            if (r < dataStart) {
                if (header.contains(r)) {
                    header.add(row, r);
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
            throw new RejectedFileException(ParseProblem.file("no day rows found in sheet '" + sheet.getSheetName()
                    + "' (a day row has a date in column " + def.dateColumn() + ")"));
        }
        return generatedAt();
    }

    private void checkSize(Row row, int r) {
        if (r > limits.maxRows()) {
            throw new RejectedFileException(ParseProblem.at(sheet.getSheetName(), r, null, "the sheet has more than "
                    + limits.maxRows() + " rows: refused as unsafe"));
        }
        if (row.getLastCellNum() > limits.maxColumns()) {
            throw new RejectedFileException(ParseProblem.at(sheet.getSheetName(), r, null, "the sheet has more than "
                    + limits.maxColumns() + " columns: refused as unsafe"));
        }
    }

    private void captureNamedCells(Row row, int r) {
        for (LayoutDefinition.CellRef ref : new LayoutDefinition.CellRef[] {def.plantCell(), def.generatedAtCell()}) {
            if (ref != null) {
                CellReference cr = new CellReference(ref.cell());
                if (cr.getRow() + 1 == r) {
                    namedCells.put(ref.cell(), WorkbookCells.value(row.getCell(cr.getCol())));
                }
            }
        }
    }

    /** Builds the column names from the header block, maps the layout's fields, resolves the plant. */
    private void startData() {
        columns = header.columns();
        fields = OpsFields.map(def, columns, sheet.getSheetName(), def.header().firstRow());
        plant = resolvePlant();
    }

    private String resolvePlant() {
        String given = ctx.givenPlant();
        String resolved = given;
        if (def.plantCell() != null) {
            CellValue v = namedCells.getOrDefault(def.plantCell().cell(), CellValue.BLANK);
            String fromFile = v.isBlank() ? null : v.display().strip();
            int row = new CellReference(def.plantCell().cell()).getRow() + 1;
            if (fromFile == null && given == null) {
                throw refused(row, "the plant cell is empty and the upload names no plant");
            }
            if (fromFile != null && given != null && !given.equals(fromFile)) {
                throw refused(row, "the file names plant '" + fromFile + "' but the upload says '" + given + "'");
            }
            resolved = fromFile != null ? fromFile : given;
        }
        if (ctx.plant(resolved).isEmpty()) {
            throw new RejectedFileException(ParseProblem.file(Plants.notRegistered(resolved)));
        }
        return resolved;
    }

    private RejectedFileException refused(int row, String reason) {
        return new RejectedFileException(ParseProblem.at(sheet.getSheetName(), row, def.plantCell().cell(), reason));
    }

    private LocalDateTime generatedAt() {
        LayoutDefinition.CellRef ref = def.generatedAtCell();
        if (ref == null) {
            return null;
        }
        CellValue v = namedCells.getOrDefault(ref.cell(), CellValue.BLANK);
        LocalDateTime t = null;
        if (v.isPlainNumber() && v.number() >= 1 && v.number() <= 109_574) {
            t = DateUtil.getLocalDateTime(v.number(), date1904);
        } else if (v.text() != null) {
            t = Values.dateTime(v.text(), ref.formats());
        }
        if (t == null) {
            report.warn(ParseProblem.at(sheet.getSheetName(), new CellReference(ref.cell()).getRow() + 1, ref.cell(),
                    "no export generation time in " + ref.cell() + " ('" + v.display() + "'): the upload time orders "
                            + "this export's versions"));
        }
        return t;
    }

    private LocalDate day(CellValue dateCell) {
        if (dateCell.isPlainNumber()) {
            return WorkbookOpsParser.excelDay(dateCell.number(), date1904);
        }
        return dateCell.text() != null ? Values.date(dateCell.text(), def.dateFormats()) : null;
    }

    private void dataRow(Row row, int r) {
        CellValue dateCell = WorkbookCells.value(row.getCell(dateCol));
        LocalDate day = day(dateCell);
        if (day == null) {
            skipNonDay(row, dateCell);
            return;
        }
        report.rowRead();
        String outside = ctx.plant(plant).orElseThrow().outsideActivePeriod(day);
        if (outside != null) {
            report.error(ParseProblem.at(sheet.getSheetName(), r, def.dateColumn(), outside));
            return;
        }
        DayValues v = values(row, r);
        Long previous = seenDays.put(day, (long) r);
        if (previous != null) {
            report.warn(ParseProblem.at(sheet.getSheetName(), r, def.dateColumn(), day + " appears again (first at row "
                    + previous + "): both kept, the later row is current"));
        }
        sink.ops(new RecordSink.OpsRecord(sheet.getSheetName(), r, plant, day, v.values, v.originals, v.sources,
                v.other));
        report.recordStored();
        days++;
    }

    /** A day row's fields (canonical and as stated), their sources, and every other column. */
    private static final class DayValues {
        final Map<String, Double> values = new LinkedHashMap<>();
        final Map<String, RecordSink.Original> originals = new LinkedHashMap<>();
        final Map<String, String> sources = new LinkedHashMap<>();
        final Map<String, Object> other = new LinkedHashMap<>();
    }

    private DayValues values(Row row, int r) {
        DayValues out = new DayValues();
        for (Map.Entry<Integer, HeaderBlock.Column> e : columns.entrySet()) {
            int c = e.getKey();
            CellValue v = WorkbookCells.value(row.getCell(c));
            OpsFields.Field field = fields.at(c);
            if (field != null) {
                out.sources.put(field.name(), field.source());
                if (v.number() != null) {
                    out.values.put(field.name(), field.conversion().apply(v.number()));
                    out.originals.put(field.name(), new RecordSink.Original(v.number(), field.conversion().from()
                            .symbol()));
                } else if (!v.isBlank()) {
                    report.warn(ParseProblem.at(sheet.getSheetName(), r, CellReference.convertNumToColString(c),
                            field.name() + ": '" + v.text() + "' is not a number: stored as missing"));
                }
            } else if (!v.isBlank()) {
                out.other.put(e.getValue().name(), otherCell(v, e.getValue(), c));
            }
        }
        return out;
    }

    private static Map<String, Object> otherCell(CellValue v, HeaderBlock.Column column, int c) {
        Map<String, Object> cell = new LinkedHashMap<>();
        if (v.number() != null) {
            cell.put("value", v.number());
        } else {
            cell.put("text", v.text());
        }
        if (column.unit() != null) {
            cell.put("unit", column.unit());
        }
        cell.put("column", CellReference.convertNumToColString(c));
        return cell;
    }

    private void skipNonDay(Row row, CellValue dateCell) {
        String label = dateCell.text() == null ? null : dateCell.text().strip();
        if (label != null && nonDayLabels.contains(label.toLowerCase(Locale.ROOT))) {
            report.skip("summary row (" + label + ")");
            return;
        }
        boolean hasContent = false;
        for (Cell c : row) {
            if (!WorkbookCells.value(c).isBlank()) {
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
