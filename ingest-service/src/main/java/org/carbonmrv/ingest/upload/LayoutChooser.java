package org.carbonmrv.ingest.upload;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.ingest.layout.LayoutProfile;
import org.carbonmrv.ingest.layout.LayoutService;
import org.carbonmrv.ingest.parse.CsvRecordParser;
import org.carbonmrv.ingest.parse.FileFormat;
import org.carbonmrv.ingest.parse.ParseProblem;
import org.carbonmrv.ingest.parse.Source;
import org.carbonmrv.ingest.parse.WorkbookOpsParser;
import org.carbonmrv.ingest.plant.Plants;

/**
 * Which layout reads a file: the one the request names, or the one its content matches (a workbook's sheets, a CSV's
 * header). Also settles, before any parsing, what the request must give: a plant when the file names none, and one
 * the registry knows.
 */
@ApplicationScoped
public class LayoutChooser {

    /** The layout chosen, or why none can be. */
    public sealed interface Choice {
    }

    public record Chosen(LayoutProfile profile) implements Choice {
    }

    public record Refused(Refusal refusal) implements Choice {
    }

    private final LayoutService layouts;
    private final CsvRecordParser csv;
    private final WorkbookOpsParser workbooks;

    public LayoutChooser(LayoutService layouts, CsvRecordParser csv, WorkbookOpsParser workbooks) {
        this.layouts = layouts;
        this.csv = csv;
        this.workbooks = workbooks;
    }

    public Choice choose(IncomingFile file, FileFormat format, Source source, Plants plants) throws IOException {
        if (format == FileFormat.EMPTY) {
            return new Refused(Refusal.unprocessable("the file is empty (0 bytes)"));
        }
        List<LayoutProfile> profiles = layouts.current();
        CsvRecordParser.Header header = format.isWorkbook() ? new CsvRecordParser.Header(List.of(), Optional.empty())
                : csv.header(source);
        if (header.unreadable().isPresent()) {
            return new Refused(Refusal.unprocessable(header.unreadable().get()));
        }
        Choice c = file.kind() != null ? byKind(file.kind(), format, profiles) : detect(file, format, header, profiles);
        if (!(c instanceof Chosen chosen)) {
            return c;
        }
        return requirements(file, chosen.profile(), header.fields(), plants);
    }

    private static Choice byKind(String kind, FileFormat format, List<LayoutProfile> profiles) {
        Optional<LayoutProfile> p = profiles.stream().filter(x -> x.id().equals(kind)).findFirst();
        if (p.isEmpty()) {
            return new Refused(Refusal.badRequest("unknown kind '" + kind + "'; known layouts: "
                    + profiles.stream().map(LayoutProfile::id).toList()));
        }
        if (p.get().isWorkbook() != format.isWorkbook()) {
            return new Refused(Refusal.unprocessable("layout " + kind + " reads " + (p.get().isWorkbook()
                    ? "workbooks (.xlsx/.xls)" : "CSV text") + " but the file's content is " + describe(format)));
        }
        return new Chosen(p.get());
    }

    private Choice detect(IncomingFile file, FileFormat format, CsvRecordParser.Header header,
            List<LayoutProfile> profiles) {
        if (format.isWorkbook()) {
            WorkbookOpsParser.SheetNames sheets = workbooks.sheetNames(file.content().path(), format);
            if (sheets.unreadable().isPresent()) {
                return new Refused(Refusal.unprocessable(sheets.unreadable().get()));
            }
            return single(LayoutService.matchWorkbook(profiles, sheets.names()), "sheets " + sheets.names(),
                    profiles);
        }
        return single(LayoutService.matchCsv(profiles, header.fields()), header.fields().isEmpty()
                ? "no readable header line" : "header " + header.fields(), profiles);
    }

    /** A missing column is said before a missing plant; a plant the registry does not know is refused. */
    private Choice requirements(IncomingFile file, LayoutProfile profile, List<String> header, Plants plants) {
        if (!profile.isWorkbook()) {
            Optional<ParseProblem> missing = csv.checkHeader(header, profile);
            if (missing.isPresent()) {
                return new Refused(Refusal.unprocessable(missing.get()));
            }
        }
        if (file.plant() == null && !namesItsPlant(profile, header)) {
            return new Refused(Refusal.badRequest("plant is required: files of layout " + profile.id()
                    + " do not name their plant; send the 'plant' form field"));
        }
        if (file.plant() != null && plants.find(file.plant()).isEmpty()) {
            return new Refused(Refusal.unprocessable(Plants.notRegistered(file.plant())));
        }
        return new Chosen(profile);
    }

    private static boolean namesItsPlant(LayoutProfile profile, List<String> header) {
        if (profile.isWorkbook()) {
            return profile.definition().plantCell() != null;
        }
        String plantColumn = profile.definition().columns().get("plant");
        return plantColumn != null && header.contains(plantColumn);
    }

    private static String describe(FileFormat format) {
        return switch (format) {
            case XLSX -> "an .xlsx workbook";
            case XLS -> "a legacy .xls workbook";
            default -> "text";
        };
    }

    private static Choice single(List<LayoutProfile> matches, String what, List<LayoutProfile> all) {
        if (matches.size() == 1) {
            return new Chosen(matches.get(0));
        }
        if (matches.isEmpty()) {
            return new Refused(Refusal.unprocessable("no known layout matches this file (" + what + "); known "
                    + "layouts: " + all.stream().map(p -> p.id() + " " + (p.isWorkbook() ? "sheet '"
                            + p.definition().detect().sheetName() + "'" : "headers " + p.definition().detect()
                                    .requiredHeaders())).collect(Collectors.joining("; "))));
        }
        return new Refused(Refusal.badRequest("several layouts match this file: " + matches.stream().map(LayoutProfile::id)
                .toList() + "; send the 'kind' form field"));
    }
}
