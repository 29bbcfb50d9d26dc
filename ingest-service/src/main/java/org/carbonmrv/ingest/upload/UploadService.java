package org.carbonmrv.ingest.upload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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
import org.carbonmrv.ingest.parse.Source;
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

    /**
     * A file as received over HTTP; its {@code content} may still be arriving. {@code stands} completes once the
     * request has been read to its end, with whether this ingest counts: false when the request turned out to need
     * another one (a kind or plant field after the file part); such an ingest writes and records nothing.
     */
    public record IncomingFile(ReceivedFile content, String fileName, String contentType, String kind, String plant,
            CompletionStage<Boolean> stands) {
    }

    /** @param created false when the same bytes had already been accepted */
    public record Outcome(Upload upload, boolean created) {
    }

    /** Ends an ingest that does not count (see {@link IncomingFile#stands()}): nothing was written. */
    public static final class SupersededException extends RuntimeException {
        SupersededException() {
            super("superseded by the rest of the request", null, false, false);
        }
    }

    /** Rolls back an ingest whose bytes turn out to be accepted already. */
    private static final class RepeatedException extends RuntimeException {
        final long existingId;

        RepeatedException(long existingId) {
            super(null, null, false, false);
            this.existingId = existingId;
        }
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
     * Parses and stores the file while it arrives; whether these bytes were accepted before is known only at its
     * end (their SHA-256), so a repeat is found then and its records rolled back.
     *
     * @throws UploadRejectedException when the file is refused; the REJECTED upload is recorded first
     * @throws SupersededException when this ingest does not count
     */
    public Outcome ingest(IncomingFile file) {
        return ingest(file, false);
    }

    private Outcome ingest(IncomingFile file, boolean again) {
        long start = System.nanoTime();
        OffsetDateTime receivedAt = OffsetDateTime.now();
        ReceivedFile content = file.content();
        // The original bytes are kept in any case: stored once all are in and the request is known to be an upload
        // (not one refused as a whole), while the rest is parsed.
        CompletableFuture<Void> bytesStored = CompletableFuture.runAsync(() -> {
            ReceivedFile.Receipt r = receipt(content);
            if (r != null && r.size() <= config.maxUploadBytes() && stands(file)) {
                blobs.store(r.sha256(), content.path());
            }
        }, executor);
        LayoutProfile[] chosen = new LayoutProfile[1];
        try {
            // the transaction opens at the first bytes: it lasts the receive wait, then the parse
            long deadline = start + config.uploadReceiveWait().toNanos();
            Outcome outcome = QuarkusTransaction.requiringNew()
                    .timeout(Math.toIntExact(config.uploadReceiveWait().plus(config.parseTimeout()).toSeconds()))
                    .call(() -> acceptNew(file, chosen, receivedAt, deadline));
            long committed = System.nanoTime();
            bytesStored.join();
            LOG.debugf("upload %s: transaction %s ms from the first bytes; then waited %s ms for the original bytes "
                    + "to be stored", outcome.upload().id, ms(committed - start), ms(System.nanoTime() - committed));
            return outcome;
        } catch (RepeatedException e) {
            bytesStored.join();
            return repeated(file, e.existingId);
        } catch (SupersededException e) {
            bytesStored.exceptionally(t -> null).join(); // the file is deleted after the request
            throw e;
        } catch (RuntimeException e) {
            ReceivedFile.Receipt r = receipt(content);
            if (r == null || !stands(file)) {
                bytesStored.exceptionally(t -> null).join();
                throw new SupersededException();
            }
            if (r.size() > config.maxUploadBytes()) {
                // Too large to keep: recorded without its bytes.
                throw reject(file, r.sha256(), r.size(), receivedAt, null, new RejectedFileException(413,
                        List.of(ParseProblem.file("the file is " + r.size() + " bytes; the limit is "
                                + config.maxUploadBytes())), 1), false);
            }
            if (e instanceof RejectedFileException rejected) {
                bytesStored.join();
                // bytes accepted before are answered with that upload, whatever came with them (as when the
                // repeat is recognised before parsing)
                Long existing = QuarkusTransaction.requiringNew().call(() -> {
                    Upload u = Upload.findAccepted(r.sha256());
                    return u == null ? null : u.id;
                });
                if (existing != null) {
                    return repeated(file, existing);
                }
                throw reject(file, r.sha256(), r.size(), receivedAt, chosen[0], rejected, true);
            }
            if (!again && causedBy(e, ReceivedFile.TooSlowException.class)) {
                // the file arrived more slowly than a parse may wait for it: now it is all here
                LOG.infof("upload of %s arrived in more than %s; parsing it again from the complete file",
                        file.fileName(), config.uploadReceiveWait());
                bytesStored.join();
                return ingest(file, true);
            }
            throw e;
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private Outcome repeated(IncomingFile file, long existingId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Upload existing = Upload.findById(existingId);
            audit.record("upload.repeated", "upload " + existing.id, Map.of("file_name", file.fileName(),
                    "sha256", existing.sha256));
            return new Outcome(existing, false);
        });
    }

    /** The whole file's size and hash, or null when the request ended before the file did. */
    private static ReceivedFile.Receipt receipt(ReceivedFile content) {
        try {
            return content.awaitComplete();
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean stands(IncomingFile file) {
        return file.stands().toCompletableFuture().join();
    }

    /** In the upload's transaction: parse and store the records, then settle what the bytes turned out to be. */
    private Outcome acceptNew(IncomingFile file, LayoutProfile[] chosen, OffsetDateTime receivedAt, long deadline)
            throws IOException {
        ReceivedFile content = file.content();
        if (content.isComplete()) { // a repeat can be answered without parsing
            Upload existing = Upload.findAccepted(content.awaitComplete().sha256());
            if (existing != null && stands(file)) {
                throw new RepeatedException(existing.id);
            }
        }
        Source source = () -> content.open(deadline);
        FileFormat format = FileFormat.sniff(source);
        if (format.isWorkbook()) {
            content.awaitComplete(deadline); // a workbook is read from its end (zip directory) or as a whole (.xls)
        }
        chosen[0] = chooseLayout(file, format, source);
        Upload accepted = accept(file, format, chosen[0], receivedAt, source);
        ReceivedFile.Receipt r = content.awaitComplete();
        if (r.size() > config.maxUploadBytes()) {
            throw new RejectedFileException("too large"); // ingest() records it as such
        }
        if (!stands(file)) {
            throw new SupersededException();
        }
        lockContent(r.sha256());
        Upload existing = Upload.findAccepted(r.sha256());
        if (existing != null) {
            throw new RepeatedException(existing.id);
        }
        accepted.sha256 = r.sha256();
        accepted.sizeBytes = r.size();
        em.createNativeQuery("insert into ingest.upload_event (upload_id, plants, record_type) "
                + "select id, plants, record_type from ingest.upload where id = ?1")
                .setParameter(1, accepted.id).executeUpdate();
        audit.record("upload.accepted", "upload " + accepted.id, Map.of("file_name", file.fileName(),
                "sha256", r.sha256(), "kind", String.valueOf(accepted.kind), "records", accepted.recordsStored));
        return new Outcome(accepted, true);
    }

    /** Serialises uploads of the same content so that concurrent duplicates yield one upload. */
    private void lockContent(String sha256) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 0))").setParameter(1, sha256)
                .getSingleResult();
    }

    private LayoutProfile chooseLayout(IncomingFile file, FileFormat format, Source source) throws IOException {
        if (format == FileFormat.EMPTY) {
            throw new RejectedFileException("the file is empty (0 bytes)");
        }
        List<LayoutProfile> profiles = layouts.current();
        // the first line of a text file, read once for detection, column checks and the plant check
        List<String> header = format.isWorkbook() ? List.of() : csvParser.header(source);
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
            List<String> sheets = workbookParser.sheetNames(file.content().path(), format);
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

    private Upload accept(IncomingFile file, FileFormat format, LayoutProfile profile, OffsetDateTime receivedAt,
            Source source) {
        Session session = em.unwrap(Session.class);
        long t1 = System.nanoTime();
        // size and hash are set once the file is complete; until then a placeholder unique to this upload, so that
        // concurrent uploads do not wait on one another in the unique index of accepted hashes
        Upload upload = newUpload(file, placeholderHash(), 0, receivedAt, profile);
        upload.status = Upload.Status.ACCEPTED;
        upload.persistAndFlush();

        ParseReport report = new ParseReport(config.maxErrorsReported(), config.maxWarningsKept());
        LocalDateTime[] generatedAt = new LocalDateTime[1];
        java.util.Set<String> plants = new java.util.TreeSet<>();
        session.doWork(conn -> {
            RecordCopySink sink = new RecordCopySink(conn, upload.id, json, series);
            try {
                if (profile.isWorkbook()) {
                    generatedAt[0] = workbookParser.parse(file.content().path(), format, profile, file.plant(), sink,
                            report);
                } else {
                    csvParser.parse(source, profile, file.plant(), sink, report);
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
        LOG.infof("upload %d accepted: %s (%s, plant %s): %d rows, %d records, %d warnings; parsed and copied in %d ms",
                upload.id, upload.fileName, profile.id, String.join(",", upload.plants), report.rowsRead(),
                report.recordsStored(), report.warningCount(), (t2 - t1) / 1_000_000);
        return upload;
    }

    private static String placeholderHash() {
        return (java.util.UUID.randomUUID().toString() + java.util.UUID.randomUUID()).replace("-", "");
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
}
