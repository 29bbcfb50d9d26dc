package org.carbonmrv.ingest.parse;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.ingest.config.IngestConfig;
import org.carbonmrv.ingest.layout.LayoutDefinition;
import org.carbonmrv.ingest.layout.LayoutProfile;
import org.carbonmrv.ingest.layout.RecordType;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

/**
 * Reads a CSV layout (lab results, sensor logs) as a stream: strict UTF-8 (a BOM is accepted), comma-separated,
 * quoted fields, CRLF or LF. Columns are found by header name through the profile, so extra or reordered columns do
 * not matter.
 */
@ApplicationScoped
public class CsvRecordParser {

    private final IngestConfig config;

    public CsvRecordParser(IngestConfig config) {
        this.config = config;
    }

    /**
     * The header fields of a text file, for layout detection: only its first line is decoded, so that a bad byte
     * further down is reported with its line by {@link #parse}.
     */
    public List<String> header(Source file) {
        byte[] line;
        try (InputStream in = new BufferedInputStream(file.open())) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0 && b != '\n' && out.size() < config.maxCsvFieldChars()) {
                out.write(b);
            }
            line = out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int start = line.length >= 3 && (line[0] & 0xFF) == 0xEF && (line[1] & 0xFF) == 0xBB
                && (line[2] & 0xFF) == 0xBF ? 3 : 0;
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(line, start, line.length - start)).toString();
        } catch (CharacterCodingException e) {
            throw new RejectedFileException(ParseProblem.at(1, null,
                    "the file is neither a workbook (.xlsx/.xls) nor UTF-8 text"));
        }
        if (text.isBlank()) {
            return List.of();
        }
        try {
            return strip(CsvReader.builder().ofSingleCsvRecord(text.strip()).getFields());
        } catch (CsvParseException e) {
            return List.of();
        }
    }

    /** Rejects the file when its header (from {@link #header}) lacks a column the profile requires. */
    public void checkHeader(List<String> header, LayoutProfile profile) {
        Columns.resolve(header, profile.definition);
    }

    public void parse(Source file, LayoutProfile profile, String givenPlant, RecordSink sink, ParseReport report) {
        LayoutDefinition def = profile.definition;
        long line = 1;
        try (CsvReader<CsvRecord> csv = open(file)) {
            Iterator<CsvRecord> it = csv.iterator();
            if (!it.hasNext()) {
                throw new RejectedFileException("the file has no header row");
            }
            List<String> header = strip(it.next().getFields());
            Columns cols = Columns.resolve(header, def);
            if (!it.hasNext()) {
                throw new RejectedFileException("the file has a header row but no data rows");
            }
            long dataRows = 0;
            RowReader rows = profile.type() == RecordType.LAB
                    ? new LabRows(cols, def, givenPlant, header)
                    : new SensorRows(cols, def, givenPlant);
            while (it.hasNext()) {
                CsvRecord rec = it.next();
                line = rec.getStartingLineNumber();
                if (isBlankRecord(rec)) {
                    report.skip("blank line");
                    continue;
                }
                report.rowRead();
                dataRows++;
                if (rec.getFieldCount() != header.size()) {
                    report.error(ParseProblem.at(line, null, "expected " + header.size() + " fields as in the header, found "
                            + rec.getFieldCount()));
                    continue;
                }
                if (rows.read(rec, line, sink, report)) {
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
                throw new RejectedFileException(ParseProblem.at(firstNonUtf8Line(file), null,
                        "the file is not UTF-8 text (this line has a byte sequence that is not valid UTF-8); "
                                + "export it as CSV UTF-8"));
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        report.throwIfErrors();
    }

    /** The 1-based line holding the first invalid UTF-8 sequence ('\n' never occurs inside a UTF-8 sequence). */
    static long firstNonUtf8Line(Source file) {
        try (InputStream in = new BufferedInputStream(file.open(), 1 << 16)) {
            java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
            long lineNo = 1;
            int b;
            do {
                b = in.read();
                if (b == '\n' || b < 0) {
                    try {
                        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                                .onUnmappableCharacter(CodingErrorAction.REPORT)
                                .decode(java.nio.ByteBuffer.wrap(buf.toByteArray()));
                    } catch (CharacterCodingException e) {
                        return lineNo;
                    }
                    buf.reset();
                    lineNo++;
                } else {
                    buf.write(b);
                }
            } while (b >= 0);
            return lineNo - 1;
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
        byte[] bom = in.readNBytes(3);
        if (!(bom.length == 3 && (bom[0] & 0xFF) == 0xEF && (bom[1] & 0xFF) == 0xBB && (bom[2] & 0xFF) == 0xBF)) {
            in.reset();
        }
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        return CsvReader.builder().fieldSeparator(',').quoteCharacter('"').skipEmptyLines(true)
                .allowExtraFields(true).allowMissingFields(true).maxBufferSize(config.maxCsvFieldChars())
                .ofCsvRecord(reader);
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

    /** Field name → column index, resolved once from the header. */
    record Columns(Map<String, Integer> index, Map<String, String> headerOf) {

        static Columns resolve(List<String> header, LayoutDefinition def) {
            Map<String, Integer> byName = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                byName.putIfAbsent(header.get(i), i);
            }
            Map<String, Integer> index = new HashMap<>();
            Map<String, String> headerOf = new HashMap<>();
            List<String> missing = new ArrayList<>();
            def.columns().forEach((field, name) -> {
                Integer i = byName.get(name);
                if (i != null) {
                    index.put(field, i);
                    headerOf.put(field, name);
                }
            });
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
            return new Columns(index, headerOf);
        }

        String get(CsvRecord rec, String field) {
            return get(rec, indexOf(field));
        }

        /** The position of a field's column, or -1 when the file lacks it: resolved once, not per row. */
        int indexOf(String field) {
            Integer i = index.get(field);
            return i == null ? -1 : i;
        }

        static String get(CsvRecord rec, int i) {
            return i < 0 ? null : rec.getField(i).strip();
        }
    }

    private interface RowReader {
        /** @return whether a record was produced */
        boolean read(CsvRecord rec, long line, RecordSink sink, ParseReport report);
    }

    /** Resolves the plant of a row: the file's own plant column wins; a conflicting upload plant is an error. */
    private static String plant(String fromFile, String given, long line, String column, ParseReport report) {
        if (Values.isBlank(fromFile)) {
            if (given == null) {
                report.error(ParseProblem.at(line, column, "no plant: the row names none and the upload gave none"));
            }
            return given;
        }
        if (given != null && !given.equals(fromFile)) {
            report.error(ParseProblem.at(line, column,
                    "the file names plant '" + fromFile + "' but the upload says '" + given + "'"));
            return null;
        }
        return fromFile;
    }

    private static final class LabRows implements RowReader {
        private final Columns cols;
        private final LayoutDefinition def;
        private final String givenPlant;
        private final List<String> header;
        private final boolean[] mapped;

        LabRows(Columns cols, LayoutDefinition def, String givenPlant, List<String> header) {
            this.cols = cols;
            this.def = def;
            this.givenPlant = givenPlant;
            this.header = header;
            this.mapped = new boolean[header.size()];
            cols.index().values().forEach(i -> mapped[i] = true);
        }

        @Override
        public boolean read(CsvRecord rec, long line, RecordSink sink, ParseReport report) {
            String plant = plant(cols.get(rec, "plant"), givenPlant, line, cols.headerOf().get("plant"), report);
            String dateText = cols.get(rec, "sample_date");
            LocalDate date = Values.date(dateText, def.dateFormats());
            boolean ok = plant != null;
            if (date == null) {
                report.error(ParseProblem.at(line, cols.headerOf().get("sample_date"),
                        "'" + dateText + "' is not a date (expected " + def.dateFormats() + ")"));
                ok = false;
            }
            String point = cols.get(rec, "point");
            String parameter = cols.get(rec, "parameter");
            if (Values.isBlank(point) || Values.isBlank(parameter)) {
                report.error(ParseProblem.at(line, Values.isBlank(point) ? cols.headerOf().get("point")
                        : cols.headerOf().get("parameter"), "empty sampling point or parameter"));
                ok = false;
            }
            String raw = cols.get(rec, "value");
            Double value = Values.number(raw);
            if (value == null) {
                report.warn(ParseProblem.at(line, cols.headerOf().get("value"),
                        "value '" + raw + "' is not a number: kept as text"));
            }
            String uncText = cols.get(rec, "uncertainty");
            Double uncertainty = Values.number(uncText);
            if (uncertainty == null && !Values.isBlank(uncText)) {
                report.warn(ParseProblem.at(line, cols.headerOf().get("uncertainty"),
                        "uncertainty '" + uncText + "' is not a number: ignored (kept in metadata)"));
            }
            String repText = cols.get(rec, "replicate");
            Double rep = Values.number(repText);
            Integer replicate = rep != null && rep == Math.rint(rep) ? rep.intValue() : null;
            if (!ok) {
                return false;
            }
            Map<String, String> metadata = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                if (!mapped[i]) {
                    metadata.put(header.get(i), emptyToNull(rec.getField(i)));
                }
            }
            if (uncertainty == null && !Values.isBlank(uncText)) {
                metadata.put(cols.headerOf().get("uncertainty"), uncText);
            }
            sink.lab(new RecordSink.LabRecord(line, plant, date, emptyToNull(cols.get(rec, "unique_id")), point,
                    parameter, emptyToNull(cols.get(rec, "unit")), value, value == null ? raw : null, uncertainty,
                    replicate, metadata));
            return true;
        }
    }

    private static final class SensorRows implements RowReader {
        private final Columns cols;
        private final LayoutDefinition def;
        private final String givenPlant;
        private String lastPlantText;
        private String lastPlant;

        private final int plantAt;
        private final int timestampAt;
        private final int sensorAt;
        private final int valueAt;
        private final int pointAt;
        private final int unitAt;

        SensorRows(Columns cols, LayoutDefinition def, String givenPlant) {
            this.cols = cols;
            this.def = def;
            this.givenPlant = givenPlant;
            this.plantAt = cols.indexOf("plant");
            this.timestampAt = cols.indexOf("timestamp");
            this.sensorAt = cols.indexOf("sensor");
            this.valueAt = cols.indexOf("value");
            this.pointAt = cols.indexOf("point");
            this.unitAt = cols.indexOf("unit");
        }

        @Override
        public boolean read(CsvRecord rec, long line, RecordSink sink, ParseReport report) {
            String plantText = Columns.get(rec, plantAt);
            String plant;
            if (plantText != null && plantText.equals(lastPlantText)) {
                plant = lastPlant; // same plant as the previous row: the usual case, checked once
            } else {
                plant = plant(plantText, givenPlant, line, cols.headerOf().get("plant"), report);
                lastPlantText = plantText;
                lastPlant = plant;
            }
            String tsText = Columns.get(rec, timestampAt);
            String ts = Values.isoTimestamp(tsText);
            if (ts == null) {
                LocalDateTime t = Values.dateTime(tsText, def.timestampFormats());
                ts = t == null ? null : Values.iso(t);
            }
            String sensor = Columns.get(rec, sensorAt);
            if (ts == null) {
                report.error(ParseProblem.at(line, cols.headerOf().get("timestamp"),
                        "'" + tsText + "' is not a timestamp (expected " + def.timestampFormats() + ")"));
            }
            if (Values.isBlank(sensor)) {
                report.error(ParseProblem.at(line, cols.headerOf().get("sensor"), "empty sensor id"));
            }
            if (ts == null || plant == null || Values.isBlank(sensor)) {
                return false;
            }
            String raw = Columns.get(rec, valueAt);
            Double value = Values.number(raw);
            if (value == null) {
                report.warn(ParseProblem.at(line, cols.headerOf().get("value"),
                        raw.isEmpty() ? "empty value: kept as a missing reading"
                                : "value '" + raw + "' is not a number: kept as text"));
            }
            sink.sensor(new RecordSink.SensorRecord(line, plant, sensor, emptyToNull(Columns.get(rec, pointAt)), ts,
                    value, value == null ? raw : null, emptyToNull(Columns.get(rec, unitAt))));
            return true;
        }
    }

    static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
