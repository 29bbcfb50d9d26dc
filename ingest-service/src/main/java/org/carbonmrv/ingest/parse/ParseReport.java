package org.carbonmrv.ingest.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a parser saw: rows read, records produced, rows skipped by reason, warnings (row kept) and errors (file
 * rejected at the end). Only the first N warnings and errors are kept; all are counted.
 */
public final class ParseReport {

    private final int maxErrors;
    private final int maxWarnings;
    private long rowsRead;
    private long recordsStored;
    private final Map<String, Long> skipped = new TreeMap<>();
    private final List<ParseProblem> warnings = new ArrayList<>();
    private final List<ParseProblem> errors = new ArrayList<>();
    private long warningCount;
    private long errorCount;

    public ParseReport(int maxErrors, int maxWarnings) {
        this.maxErrors = maxErrors;
        this.maxWarnings = maxWarnings;
    }

    public void rowRead() {
        rowsRead++;
    }

    public void recordStored() {
        recordsStored++;
    }

    public void skip(String reason) {
        skipped.merge(reason, 1L, Long::sum);
    }

    public void warn(ParseProblem p) {
        if (warningCount++ < maxWarnings) {
            warnings.add(p);
        }
    }

    public void error(ParseProblem p) {
        if (errorCount++ < maxErrors) {
            errors.add(p);
        }
    }

    /** Rejects the file when any row-level error was found (inside a parser). */
    void throwIfErrors() {
        if (errorCount > 0) {
            throw new RejectedFileException(errors, errorCount);
        }
    }

    /** The parse's outcome: refused when any row-level error was found, else parsed. */
    ParseOutcome outcome(java.time.OffsetDateTime generatedAt) {
        return errorCount > 0 ? new ParseOutcome.Refused(List.copyOf(errors), errorCount)
                : new ParseOutcome.Parsed(generatedAt);
    }

    public long rowsRead() {
        return rowsRead;
    }

    public long recordsStored() {
        return recordsStored;
    }

    public Map<String, Long> skipped() {
        return skipped;
    }

    public List<ParseProblem> warnings() {
        return warnings;
    }

    public long warningCount() {
        return warningCount;
    }
}
