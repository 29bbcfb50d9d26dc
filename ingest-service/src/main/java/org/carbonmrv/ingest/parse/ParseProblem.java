package org.carbonmrv.ingest.parse;

/**
 * One finding about a file: where (sheet, row, column; any may be null when it concerns the whole file) and why.
 * Rows are 1-based as a person sees them in a spreadsheet or text editor.
 */
public record ParseProblem(String sheet, Long row, String column, String reason) {

    /** A NUL quoted from a file or a request is shown as {@code \0}: no text column of the database can hold it. */
    public ParseProblem {
        sheet = visible(sheet);
        column = visible(column);
        reason = visible(reason);
    }

    private static String visible(String s) {
        return s == null || s.indexOf('\0') < 0 ? s : s.replace("\0", "\\0");
    }

    public static ParseProblem file(String reason) {
        return new ParseProblem(null, null, null, reason);
    }

    public static ParseProblem at(long row, String column, String reason) {
        return new ParseProblem(null, row, column, reason);
    }

    public static ParseProblem at(String sheet, long row, String column, String reason) {
        return new ParseProblem(sheet, row, column, reason);
    }
}
