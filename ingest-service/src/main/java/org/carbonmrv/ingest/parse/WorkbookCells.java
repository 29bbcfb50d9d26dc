package org.carbonmrv.ingest.parse;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.FormulaError;

/** A workbook cell's content as stored: a number (a formula's cached result), a text, or nothing. */
final class WorkbookCells {

    /** A cell's value; a text that states a number is both. */
    record CellValue(Double number, String text) {
        static final CellValue BLANK = new CellValue(null, null);

        boolean isBlank() {
            return number == null && (text == null || text.isBlank());
        }

        /** A number only (a date serial, a measured value), not a text that happens to state one. */
        boolean isPlainNumber() {
            return number != null && text == null;
        }

        String display() {
            return number != null ? String.valueOf(number) : text;
        }
    }

    private WorkbookCells() {
    }

    static CellValue value(Cell cell) {
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
}
