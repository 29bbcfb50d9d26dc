package org.carbonmrv.ingest.parse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Date1904Support;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.carbonmrv.ingest.config.IngestConfig;
import org.carbonmrv.ingest.layout.LayoutDefinition;

import com.github.pjfanning.xlsx.StreamingReader;

/**
 * Reads a daily operations workbook (.xlsx streamed row by row, legacy .xls through HSSF) as its layout profile
 * describes it (see {@link OpsSheetReader}). A workbook that cannot be read at all is refused with why.
 */
@ApplicationScoped
public class WorkbookOpsParser {

    /** A workbook's sheet names, or why it cannot be read. */
    public record SheetNames(List<String> names, Optional<ParseProblem> unreadable) {
    }

    private final IngestConfig config;

    public WorkbookOpsParser(IngestConfig config) {
        this.config = config;
    }

    /** Sheet names of a workbook, for layout detection. */
    public SheetNames sheetNames(Path file, FileFormat format) {
        try (Workbook wb = open(file, format)) {
            return new SheetNames(sheetNames(wb), Optional.empty());
        } catch (Exception | OutOfMemoryError e) {
            return new SheetNames(List.of(), Optional.of(ParseProblem.file("the workbook cannot be read: "
                    + describe(e))));
        }
    }

    private static List<String> sheetNames(Workbook wb) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < wb.getNumberOfSheets(); i++) {
            names.add(wb.getSheetName(i));
        }
        return names;
    }

    public ParseOutcome parse(Path file, FileFormat format, ParseContext ctx, RecordSink sink, ParseReport report) {
        LayoutDefinition def = ctx.profile().definition();
        try (Workbook wb = open(file, format)) {
            // the streaming reader throws for an unknown name instead of returning null
            Sheet sheet = sheetNames(wb).contains(def.sheet()) ? wb.getSheet(def.sheet()) : null;
            if (sheet == null) {
                return ParseOutcome.Refused.of(ParseProblem.file("no sheet named '" + def.sheet() + "' (layout "
                        + ctx.profile().id() + "); the workbook has " + sheetNames(wb)));
            }
            boolean date1904 = wb instanceof Date1904Support d && d.isDate1904();
            OpsSheetReader reader = new OpsSheetReader(sheet, ctx, date1904, sink, report, config.workbook());
            return report.outcome(generatedAt(reader.read(), reader.plant(), ctx));
        } catch (RejectedFileException e) {
            return new ParseOutcome.Refused(e.problems(), e.totalErrors());
        } catch (Exception | OutOfMemoryError e) {
            return ParseOutcome.Refused.of(ParseProblem.file("the workbook cannot be read: " + describe(e)));
        }
    }

    /** The export's local generation time as an instant of the plant's zone (the earlier one in a repeated hour). */
    private static OffsetDateTime generatedAt(LocalDateTime local, String plant, ParseContext ctx) {
        return local == null || plant == null ? null : ZonedDateTime.ofLocal(local, ctx.zoneOf(plant), null)
                .toOffsetDateTime();
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

    /**
     * The workbook, read only. An .xlsx is read from a copy: the streaming reader opens its package for writing and,
     * when the package fails to load, closes it by saving it over the file it read, which would change the
     * uploaded bytes that are kept as evidence.
     */
    private Workbook open(Path file, FileFormat format) throws IOException {
        if (format == FileFormat.XLS) {
            return new HSSFWorkbook(new POIFSFileSystem(file.toFile(), true));
        }
        Path copy = Files.createTempFile(file.getParent(), "read-", ".xlsx");
        try {
            Files.copy(file, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return DeletingWorkbook.of(StreamingReader.builder().rowCacheSize(200).bufferSize(1 << 16)
                    .setReadComments(false).setReadHyperlinks(false).setReadShapes(false)
                    .setReadCoreProperties(false).open(copy.toFile()), copy);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
    }

    /** Excel serial dates that are plausible days: 1900-01-01 to 2199-12-31. */
    static LocalDate excelDay(double serial, boolean date1904) {
        return serial >= 1 && serial <= 109_574 ? org.apache.poi.ss.usermodel.DateUtil.getLocalDateTime(serial,
                date1904).toLocalDate() : null;
    }
}
