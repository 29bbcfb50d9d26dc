package org.carbonmrv.ingest.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.carbonmrv.common.security.Audit;
import org.carbonmrv.ingest.config.IngestConfig;
import org.carbonmrv.ingest.layout.LayoutProfile;
import org.carbonmrv.ingest.layout.LayoutService;
import org.carbonmrv.ingest.parse.CsvRecordParser;
import org.carbonmrv.ingest.parse.FileFormat;
import org.carbonmrv.ingest.parse.ParseProblem;
import org.carbonmrv.ingest.parse.ParseReport;
import org.carbonmrv.ingest.parse.RejectedFileException;
import org.carbonmrv.ingest.parse.WorkbookOpsParser;
import org.carbonmrv.ingest.persistence.BlobStore;
import org.carbonmrv.ingest.persistence.RecordCopySink;
import org.carbonmrv.ingest.persistence.SensorSeriesStore;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Turns one received file into one upload: accepted with all its records, or rejected with its errors, never in
 * between. The same bytes uploaded again return the existing accepted upload.
 */
@ApplicationScoped
public class UploadService {

    private static final Logger LOG = Logger.getLogger(UploadService.class);

    /** A file as received over HTTP, already on disk. */
    public record IncomingFile(Path path, String fileName, String contentType, String kind, String plant) {
    }

    /** @param created false when the same bytes had already been accepted */
    public record Outcome(Upload upload, boolean created) {
    }

    private final IngestConfig config;
    private final LayoutService layouts;
    private final CsvRecordParser csvParser;
    private final WorkbookOpsParser workbookParser;
    private final BlobStore blobs;
    private final EntityManager em;
    private final ObjectMapper json;
    private final SensorSeriesStore series;
    private final ManagedExecutor executor;
    private final Audit audit;

    public UploadService(IngestConfig config, LayoutService layouts, CsvRecordParser csvParser,
            WorkbookOpsParser workbookParser, BlobStore blobs, EntityManager em, ObjectMapper json,
            SensorSeriesStore series, ManagedExecutor executor, Audit audit) {
        this.audit = audit;
        this.series = series;
        this.executor = executor;
        this.config = config;
        this.layouts = layouts;
        this.csvParser = csvParser;
        this.workbookParser = workbookParser;
        this.blobs = blobs;
        this.em = em;
        this.json = json;
    }

    /**
     * @throws UploadRejectedException when the file is refused; the REJECTED upload is recorded first
     */
    public Outcome ingest(IncomingFile file) {
        long start = System.nanoTime();
        long size = size(file.path());
        LOG.debugf("received %s: %d bytes", file.fileName(), size);
        String sha256 = sha256(file.path());
        long hashed = System.nanoTime();
        OffsetDateTime receivedAt = OffsetDateTime.now();
        if (size > config.maxUploadBytes()) {
            // Too large to keep: recorded without its bytes.
            throw reject(file, sha256, size, receivedAt, null, new RejectedFileException(413,
                    List.of(ParseProblem.file("the file is " + size + " bytes; the limit is "
                            + config.maxUploadBytes())), 1), false);
        }
        // The original bytes are kept in any case: store them while the file is parsed.
        CompletableFuture<Void> bytesStored = CompletableFuture.runAsync(() -> blobs.store(sha256, file.path()),
                executor);
        LayoutProfile[] chosen = new LayoutProfile[1];
        try {
            Outcome outcome = QuarkusTransaction.requiringNew().call(() -> {
                lockContent(sha256);
                Upload existing = Upload.findAccepted(sha256);
                if (existing != null) {
                    audit.record("upload.repeated", "upload " + existing.id, Map.of("file_name", file.fileName(),
                            "sha256", sha256));
                    return new Outcome(existing, false);
                }
                FileFormat format = FileFormat.sniff(file.path());
                chosen[0] = chooseLayout(file, format);
                Upload accepted = accept(file, format, chosen[0], sha256, size, receivedAt);
                audit.record("upload.accepted", "upload " + accepted.id, Map.of("file_name", file.fileName(),
                        "sha256", sha256, "kind", String.valueOf(accepted.kind), "records",
                        accepted.recordsStored));
                return new Outcome(accepted, true);
            });
            long committed = System.nanoTime();
            bytesStored.join();
            LOG.debugf("upload %s: hashed in %s ms; transaction %s ms; then waited %s ms for the original bytes "
                    + "to be stored", outcome.upload().id, ms(hashed - start), ms(committed - hashed),
                    ms(System.nanoTime() - committed));
            return outcome;
        } catch (RejectedFileException e) {
            bytesStored.join();
            throw reject(file, sha256, size, receivedAt, chosen[0], e, true);
        }
    }

    /** Serialises uploads of the same content so that concurrent duplicates yield one upload. */
    private void lockContent(String sha256) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 0))").setParameter(1, sha256)
                .getSingleResult();
    }

    private LayoutProfile chooseLayout(IncomingFile file, FileFormat format) throws IOException {
        if (format == FileFormat.EMPTY) {
            throw new RejectedFileException("the file is empty (0 bytes)");
        }
        List<LayoutProfile> profiles = layouts.current();
        // the first line of a text file, read once for detection, column checks and the plant check
        List<String> header = format.isWorkbook() ? List.of() : csvParser.header(file.path());
        LayoutProfile profile;
        if (file.kind() != null) {
            profile = profiles.stream().filter(p -> p.id.equals(file.kind())).findFirst()
                    .orElseThrow(() -> RejectedFileException.badRequest("unknown kind '" + file.kind()
                            + "'; known layouts: " + profiles.stream().map(p -> p.id).toList()));
            if (profile.isWorkbook() != format.isWorkbook()) {
                throw new RejectedFileException("layout " + profile.id + " reads "
                        + (profile.isWorkbook() ? "workbooks (.xlsx/.xls)" : "CSV text")
                        + " but the file's content is " + describe(format));
            }
        } else if (format.isWorkbook()) {
            List<String> sheets = workbookParser.sheetNames(file.path(), format);
            profile = single(LayoutService.matchWorkbook(profiles, sheets), "sheets " + sheets, profiles);
        } else {
            profile = single(LayoutService.matchCsv(profiles, header),
                    header.isEmpty() ? "no readable header line" : "header " + header, profiles);
        }
        if (!profile.isWorkbook()) {
            csvParser.checkHeader(header, profile); // a missing column is said before a missing plant
        }
        if (file.plant() == null && !namesItsPlant(profile, header)) {
            throw RejectedFileException.badRequest("plant is required: files of layout " + profile.id
                    + " do not name their plant; send the 'plant' form field");
        }
        return profile;
    }

    private static boolean namesItsPlant(LayoutProfile profile, List<String> header) {
        if (profile.isWorkbook()) {
            return profile.definition.plantCell() != null;
        }
        String plantColumn = profile.definition.columns().get("plant");
        return plantColumn != null && header.contains(plantColumn);
    }

    private static String describe(FileFormat format) {
        return switch (format) {
            case XLSX -> "an .xlsx workbook";
            case XLS -> "a legacy .xls workbook";
            default -> "text";
        };
    }

    private static LayoutProfile single(List<LayoutProfile> matches, String what, List<LayoutProfile> all) {
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            throw new RejectedFileException("no known layout matches this file (" + what + "); known layouts: "
                    + all.stream().map(p -> p.id + " " + (p.isWorkbook() ? "sheet '" + p.definition.detect()
                            .sheetName() + "'" : "headers " + p.definition.detect().requiredHeaders()))
                            .collect(Collectors.joining("; ")));
        }
        throw RejectedFileException.badRequest("several layouts match this file: "
                + matches.stream().map(p -> p.id).toList() + "; send the 'kind' form field");
    }

    private Upload accept(IncomingFile file, FileFormat format, LayoutProfile profile, String sha256, long size,
            OffsetDateTime receivedAt) {
        Session session = em.unwrap(Session.class);
        long t1 = System.nanoTime();
        Upload upload = newUpload(file, sha256, size, receivedAt, profile);
        upload.status = Upload.Status.ACCEPTED;
        upload.persistAndFlush();

        ParseReport report = new ParseReport(config.maxErrorsReported(), config.maxWarningsKept());
        LocalDateTime[] generatedAt = new LocalDateTime[1];
        java.util.Set<String> plants = new java.util.TreeSet<>();
        session.doWork(conn -> {
            RecordCopySink sink = new RecordCopySink(conn, upload.id, json, series);
            try {
                if (profile.isWorkbook()) {
                    generatedAt[0] = workbookParser.parse(file.path(), format, profile, file.plant(), sink, report);
                } else {
                    csvParser.parse(file.path(), profile, file.plant(), sink, report);
                }
                sink.close();
                plants.addAll(sink.plants());
            } catch (RuntimeException | IOException e) {
                sink.abort();
                if (e instanceof IOException io) {
                    throw new UncheckedIOException(io);
                }
                throw (RuntimeException) e;
            }
        });
        long t2 = System.nanoTime();
        upload.generatedAt = generatedAt[0];
        upload.rowsRead = Math.toIntExact(report.rowsRead());
        upload.recordsStored = Math.toIntExact(report.recordsStored());
        upload.rowsSkipped = report.skipped();
        upload.warnings = report.warnings();
        upload.plants = file.plant() != null ? new String[] {file.plant()} : plants.toArray(String[]::new);
        em.createNativeQuery("insert into ingest.upload_event (upload_id, plants, record_type) "
                + "select id, plants, record_type from ingest.upload where id = ?1")
                .setParameter(1, upload.id).executeUpdate();
        LOG.infof("upload %d accepted: %s (%s, plant %s): %d rows, %d records, %d warnings; parsed and copied in %d ms",
                upload.id, upload.fileName, profile.id, String.join(",", upload.plants), report.rowsRead(),
                report.recordsStored(), report.warningCount(), (t2 - t1) / 1_000_000);
        return upload;
    }

    private Upload newUpload(IncomingFile file, String sha256, long size, OffsetDateTime receivedAt,
            LayoutProfile profile) {
        Upload u = new Upload();
        u.fileName = file.fileName();
        u.contentType = file.contentType();
        u.sizeBytes = size;
        u.sha256 = sha256;
        u.receivedAt = receivedAt;
        u.requestedKind = file.kind();
        u.requestedPlant = file.plant();
        u.plants = file.plant() == null ? new String[0] : new String[] {file.plant()};
        if (profile != null) {
            u.kind = profile.id;
            u.layoutVersion = profile.version;
            u.recordType = profile.recordType;
        }
        return u;
    }

    /** Records the refused upload; {@code bytesKept} says whether its bytes were stored. */
    private UploadRejectedException reject(IncomingFile file, String sha256, long size, OffsetDateTime receivedAt,
            LayoutProfile profile, RejectedFileException cause, boolean bytesKept) {
        Upload rejected = QuarkusTransaction.requiringNew().call(() -> {
            Upload u = newUpload(file, sha256, size, receivedAt, profile);
            u.status = Upload.Status.REJECTED;
            u.bytesStored = bytesKept;
            u.errors = cause.problems();
            u.persist();
            audit.record("upload.rejected", "upload " + u.id, Map.of("file_name", file.fileName(), "sha256",
                    sha256, "status", cause.status(), "reason", String.valueOf(cause.getMessage())));
            return u;
        });
        LOG.infof("upload %d rejected (%d): %s: %s", rejected.id, cause.status(), file.fileName(),
                cause.getMessage());
        return new UploadRejectedException(rejected, cause);
    }

    private static String ms(long nanos) {
        return String.valueOf(nanos / 1_000_000);
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
