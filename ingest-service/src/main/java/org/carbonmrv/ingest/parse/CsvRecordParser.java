package org.carbonmrv.ingest.parse;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.vocabulary.RecordType;
import org.carbonmrv.ingest.config.IngestConfig;
import org.carbonmrv.ingest.layout.LayoutProfile;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

/**
 * Reads a CSV layout (lab results, sensor logs) as a stream: strict UTF-8 (a BOM is accepted), comma-separated,
 * quoted fields, CRLF or LF. Columns are found by header name through the profile, so extra or reordered columns do
 * not matter. What each row means is the record type's reader's ({@link LabRows}, {@link SensorRows}).
 */
@ApplicationScoped
public class CsvRecordParser {

    /** One row of a record type. */
    interface RowReader {
        /** @return whether a record was produced */
        boolean read(CsvRecord rec, long line, RecordSink sink, ParseReport report);
    }

    /** A text file's header fields, or why its first line cannot be read. */
    public record Header(List<String> fields, Optional<ParseProblem> unreadable) {
    }

    private final IngestConfig config;

    public CsvRecordParser(IngestConfig config) {
        this.config = config;
    }

    /**
     * The header fields of a text file, for layout detection: only its first line is decoded, so that a bad byte
     * further down is reported with its line by {@link #parse}.
     */
    public Header header(Source file) {
        byte[] line;
        try (InputStream in = new BufferedInputStream(file.open())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0 && b != '\n' && out.size() < config.maxCsvFieldChars()) {
                out.write(b);
            }
            line = out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Optional<String> text = StrictUtf8.decode(line);
        if (text.isEmpty() || text.get().indexOf('\0') >= 0) {
            return new Header(List.of(), Optional.of(ParseProblem.at(1, null,
                    "the file is neither a workbook (.xlsx/.xls) nor UTF-8 text")));
        }
        if (text.get().isBlank()) {
            return new Header(List.of(), Optional.empty());
        }
        try {
            return new Header(strip(CsvReader.builder().ofSingleCsvRecord(text.get().strip()).getFields()),
                    Optional.empty());
        } catch (CsvParseException e) {
            return new Header(List.of(), Optional.empty());
        }
    }

    /** The problem of a header (from {@link #header}) that lacks a column the profile requires, if any. */
    public Optional<ParseProblem> checkHeader(List<String> header, LayoutProfile profile) {
        try {
            CsvColumns.resolve(header, profile.definition());
            return Optional.empty();
        } catch (RejectedFileException e) {
            return Optional.of(e.problems().get(0));
        }
    }

    public ParseOutcome parse(Source file, ParseContext ctx, RecordSink sink, ParseReport report) {
        try {
            read(file, ctx, sink, report);
            return report.outcome(null);
        } catch (RejectedFileException e) {
            return new ParseOutcome.Refused(e.problems(), e.totalErrors());
        }
    }

    private void read(Source file, ParseContext ctx, RecordSink sink, ParseReport report) {
        long line = 1;
        try (CsvReader<CsvRecord> csv = open(file)) {
            Iterator<CsvRecord> it = csv.iterator();
            if (!it.hasNext()) {
                throw new RejectedFileException("the file has no header row");
            }
            List<String> header = strip(it.next().getFields());
            if (header.stream().anyMatch(h -> h.indexOf('\0') >= 0)) {
                throw new RejectedFileException(ParseProblem.at(1, null, "a NUL character (byte 0x00) in the header: "
                        + "the file is not text"));
            }
            CsvColumns cols = CsvColumns.resolve(header, ctx.profile().definition());
            if (!it.hasNext()) {
                throw new RejectedFileException("the file has a header row but no data rows");
            }
            long dataRows = 0;
            RowReader rows = ctx.profile().type() == RecordType.LAB ? new LabRows(cols, ctx, header)
                    : new SensorRows(cols, ctx);
            while (it.hasNext()) {
                CsvRecord rec = it.next();
                line = rec.getStartingLineNumber();
                if (isBlankRecord(rec)) {
                    report.skip("blank line");
                    continue;
                }
                report.rowRead();
                dataRows++;
                int nul = nulField(rec);
                if (nul >= 0) {
                    report.error(ParseProblem.at(line, nul < header.size() ? header.get(nul) : null, "a NUL "
                            + "character (byte 0x00): the file is not text"));
                } else if (rec.getFieldCount() != header.size()) {
                    report.error(ParseProblem.at(line, null, "expected " + header.size()
                            + " fields as in the header, found " + rec.getFieldCount()));
                } else if (rows.read(rec, line, sink, report)) {
                    report.recordStored();
                }
            }
            if (dataRows == 0) {
                throw new RejectedFileException("the file has a header row but no data rows (only blank lines)");
            }
        } catch (CsvParseException e) {
            throw new RejectedFileException(ParseProblem.at(line + 1, null, "unreadable CSV: " + rootMessage(e)));
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw new RejectedFileException(ParseProblem.at(StrictUtf8.firstInvalidLine(file), null,
                        "the file is not UTF-8 text (this line has a byte sequence that is not valid UTF-8); "
                                + "export it as CSV UTF-8"));
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            if (t.getCause() instanceof CharacterCodingException) {
                return "the file is not UTF-8 text";
            }
            t = t.getCause();
        }
        return t.getMessage();
    }

    private CsvReader<CsvRecord> open(Source file) throws IOException {
        InputStream in = new BufferedInputStream(file.open(), 1 << 16);
        in.mark(3);
        if (!StrictUtf8.hasBom(in.readNBytes(3))) {
            in.reset();
        }
        Reader reader = new InputStreamReader(in, StrictUtf8.decoder());
        return CsvReader.builder().fieldSeparator(',').quoteCharacter('"').skipEmptyLines(true)
                .allowExtraFields(true).allowMissingFields(true).maxBufferSize(config.maxCsvFieldChars())
                .ofCsvRecord(reader);
    }

    /** The first field holding a NUL, or -1. */
    private static int nulField(CsvRecord rec) {
        for (int i = 0; i < rec.getFieldCount(); i++) {
            if (rec.getField(i).indexOf('\0') >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isBlankRecord(CsvRecord rec) {
        for (int i = 0; i < rec.getFieldCount(); i++) {
            if (!rec.getField(i).isBlank()) {
                return false;
            }
        }
        return true;
    }

    private static List<String> strip(List<String> fields) {
        List<String> out = new ArrayList<>(fields.size());
        for (String f : fields) {
            out.add(f.strip());
        }
        return out;
    }
}
