package org.carbonmrv.ingest.upload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.LogContext;
import org.carbonmrv.common.security.Audit;
import org.carbonmrv.common.security.RequestIdFilter;
import org.carbonmrv.common.security.RequestInfo;
import org.carbonmrv.ingest.config.IngestConfig;
import org.carbonmrv.ingest.layout.LayoutProfile;
import org.carbonmrv.ingest.parse.CsvRecordParser;
import org.carbonmrv.ingest.parse.FileFormat;
import org.carbonmrv.ingest.parse.ParseContext;
import org.carbonmrv.ingest.parse.ParseOutcome;
import org.carbonmrv.ingest.parse.ParseReport;
import org.carbonmrv.ingest.parse.Source;
import org.carbonmrv.ingest.parse.WorkbookOpsParser;
import org.carbonmrv.ingest.persistence.BlobStore;
import org.carbonmrv.ingest.persistence.RecordCopySink;
import org.carbonmrv.ingest.persistence.RecordSinks;
import org.carbonmrv.ingest.plant.PlantService;
import org.carbonmrv.ingest.plant.Plants;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Turns one received file into one upload: accepted with all its records, or rejected with its errors, never in
 * between; the same bytes uploaded again give the existing accepted upload. The file is parsed while it arrives, in a
 * transaction opened at its first bytes; whether these bytes were accepted before is known only at their end (their
 * SHA-256), so a repeat is found then and its records rolled back.
 */
@ApplicationScoped
public class UploadService {

    private static final Logger LOG = Logger.getLogger(UploadService.class);

    /** What the upload's transaction came to; only {@link Stored} commits. */
    private sealed interface Attempted {
    }

    private record Stored(Upload upload) implements Attempted {
    }

    private record AlreadyAccepted(long existingId) implements Attempted {
    }

    private record NotCounted() implements Attempted {
    }

    private record Refused(LayoutProfile profile, Refusal refusal) implements Attempted {
    }

    private final IngestConfig config;
    private final LayoutChooser chooser;
    private final CsvRecordParser csvParser;
    private final WorkbookOpsParser workbookParser;
    private final BlobStore blobs;
    private final AgroalDataSource dataSource;
    private final RecordSinks sinks;
    private final ManagedExecutor executor;
    private final Audit audit;
    private final PlantService plants;
    private final UploadRepository uploads;
    private final UploadMeters meters;
    private final RequestInfo request;

    public UploadService(IngestConfig config, LayoutChooser chooser, CsvRecordParser csvParser,
            WorkbookOpsParser workbookParser, BlobStore blobs, AgroalDataSource dataSource, RecordSinks sinks,
            ManagedExecutor executor, Audit audit, PlantService plants,
            UploadRepository uploads, UploadMeters meters, RequestInfo request) {
        this.config = config;
        this.chooser = chooser;
        this.csvParser = csvParser;
        this.workbookParser = workbookParser;
        this.blobs = blobs;
        this.dataSource = dataSource;
        this.sinks = sinks;
        this.executor = executor;
        this.audit = audit;
        this.plants = plants;
        this.uploads = uploads;
        this.meters = meters;
        this.request = request;
    }

    /** Ingests a file whose request is read to its end (it counts). */
    public UploadOutcome ingest(IncomingFile file) {
        return measured(file, () -> true, requestId());
    }

    /** Starts ingesting a file while its request is still read; {@link IngestAttempt#finish} says whether it counts. */
    public IngestAttempt start(IncomingFile file) {
        CompletableFuture<Boolean> counts = new CompletableFuture<>();
        String requestId = requestId(); // read on the request's thread: the executor's has no request context
        return new IngestAttempt(counts, executor.submit(() -> measured(file, counts::join, requestId)));
    }

    /** One attempt, counted in the meters and with its file and plant in every log line it writes. */
    private String requestId() {
        try {
            return request.getRequestId();
        } catch (jakarta.enterprise.context.ContextNotActiveException e) {
            return null; // not an HTTP request (a test or a tool calling the service)
        }
    }

    private UploadOutcome measured(IncomingFile file, BooleanSupplier counts, String requestId) {
        long start = System.nanoTime();
        try (LogContext log = LogContext.with(RequestIdFilter.MDC_KEY, requestId, "upload_file", file.fileName(),
                "plant", file.plant())) {
            UploadOutcome outcome = ingest(file, counts, false);
            meters.record(outcome, System.nanoTime() - start);
            return outcome;
        }
    }

    private UploadOutcome ingest(IncomingFile file, BooleanSupplier counts, boolean again) {
        long start = System.nanoTime();
        OffsetDateTime receivedAt = OffsetDateTime.now();
        CompletableFuture<Void> bytesStored = storeBytes(file, counts);
        Attempted attempted;
        try {
            attempted = inTransaction(file, counts, receivedAt, start + config.uploadReceiveWait().toNanos(),
                    bytesStored);
        } catch (RuntimeException e) {
            ReceivedFile.Receipt r = receipt(file.content());
            if (r == null || !counts.getAsBoolean()) {
                bytesStored.exceptionally(t -> null).join();
                return new UploadOutcome.Superseded();
            }
            if (r.size() > config.maxUploadBytes()) {
                return reject(file, r, receivedAt, null, Refusal.tooLarge(r.size(), config.maxUploadBytes()), false);
            }
            bytesStored.join();
            if (!again && causedBy(e, ReceivedFile.TooSlowException.class)) {
                // the file arrived more slowly than a parse may wait for it: now it is all here
                LOG.infof("upload of %s arrived in more than %s; parsing it again from the complete file",
                        file.fileName(), config.uploadReceiveWait());
                return ingest(file, counts, true);
            }
            throw e;
        }
        return settle(file, attempted, counts, bytesStored, receivedAt, start);
    }

    /** The outcome of the transaction's result: the bytes stored (or not), a refusal recorded. */
    private UploadOutcome settle(IncomingFile file, Attempted attempted, BooleanSupplier counts,
            CompletableFuture<Void> bytesStored, OffsetDateTime receivedAt, long start) {
        if (attempted instanceof NotCounted || attempted instanceof Refused && !counts.getAsBoolean()) {
            bytesStored.exceptionally(t -> null).join(); // the file is deleted after the request
            return new UploadOutcome.Superseded();
        }
        ReceivedFile.Receipt r = receipt(file.content());
        if (attempted instanceof Refused refused && r.size() > config.maxUploadBytes()) {
            return reject(file, r, receivedAt, refused.profile(), Refusal.tooLarge(r.size(), config.maxUploadBytes()),
                    false);
        }
        bytesStored.join();
        if (attempted instanceof Stored s) {
            LOG.debugf("upload %d: stored in %d ms from the first bytes", s.upload().id(),
                    (System.nanoTime() - start) / 1_000_000);
            return new UploadOutcome.Accepted(s.upload());
        }
        if (attempted instanceof AlreadyAccepted a) {
            return repeated(file, a.existingId(), r, receivedAt);
        }
        Refused f = (Refused) attempted;
        // bytes accepted before are answered with that upload, whatever came with them
        return QuarkusTransaction.requiringNew().call(() -> uploads.accepted(r.sha256()).map(Upload::id))
                .map(existing -> repeated(file, existing, r, receivedAt))
                .orElseGet(() -> reject(file, r, receivedAt, f.profile(), f.refusal(), true));
    }

    /**
     * Opens the upload's transaction (it lasts the receive wait, then the parse) and commits only what is stored, once
     * the file's bytes are.
     */
    private Attempted inTransaction(IncomingFile file, BooleanSupplier counts, OffsetDateTime receivedAt,
            long deadline, CompletableFuture<Void> bytesStored) {
        int timeout = Math.toIntExact(config.uploadReceiveWait().plus(config.parseTimeout()).toSeconds());
        QuarkusTransaction.begin(QuarkusTransaction.beginOptions().timeout(timeout));
        try {
            Attempted a = attempt(file, counts, receivedAt, deadline);
            if (a instanceof Stored) {
                bytesStored.join(); // an upload never commits pointing at bytes that are not stored
                QuarkusTransaction.commit();
            } else {
                QuarkusTransaction.rollback();
            }
            return a;
        } catch (IOException e) {
            QuarkusTransaction.rollback();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            QuarkusTransaction.rollback();
            throw e;
        }
    }

    /** In the upload's transaction: choose the layout, parse and store the records, then settle what the bytes are. */
    private Attempted attempt(IncomingFile file, BooleanSupplier counts, OffsetDateTime receivedAt, long deadline)
            throws IOException {
        ReceivedFile content = file.content();
        if (content.isComplete()) { // a repeat is answered without parsing
            var existing = uploads.accepted(content.awaitComplete().sha256());
            if (existing.isPresent() && counts.getAsBoolean()) {
                return new AlreadyAccepted(existing.get().id());
            }
        }
        Source source = () -> content.open(deadline);
        FileFormat format = FileFormat.sniff(source);
        if (format.isWorkbook()) {
            content.awaitComplete(deadline); // a workbook is read from its end (zip directory) or as a whole (.xls)
        }
        Plants registry = plants.snapshot();
        LayoutChooser.Choice choice = chooser.choose(file, format, source, registry);
        if (choice instanceof LayoutChooser.Refused r) {
            return new Refused(null, r.refusal());
        }
        LayoutProfile profile = ((LayoutChooser.Chosen) choice).profile();
        long uploadId = uploads.insertAccepted(received(file, receivedAt, profile), placeholderHash());
        Parse parse = parse(file, format, new ParseContext(profile, file.plant(), registry), source, uploadId);
        if (parse instanceof ParseRefused refused) {
            return new Refused(profile, Refusal.of(refused.outcome()));
        }
        return settleBytes(file, uploadId, ((ParseFound) parse).found(), content.awaitComplete(), counts);
    }

    /** Once every byte is in: too large, not counted, a repeat, or stored with its event. */
    private Attempted settleBytes(IncomingFile file, long uploadId, UploadRepository.Parsed found,
            ReceivedFile.Receipt r, BooleanSupplier counts) {
        if (r.size() > config.maxUploadBytes()) {
            return new Refused(null, Refusal.tooLarge(r.size(), config.maxUploadBytes()));
        }
        if (!counts.getAsBoolean()) {
            return new NotCounted();
        }
        uploads.lockContent(r.sha256());
        var existing = uploads.accepted(r.sha256());
        if (existing.isPresent()) {
            return new AlreadyAccepted(existing.get().id());
        }
        Upload upload = uploads.complete(uploadId, found, r.sha256(), r.size());
        uploads.emitEvent(uploadId);
        audit.record("upload.accepted", "upload " + uploadId, Map.of("file_name", file.fileName(), "sha256",
                r.sha256(), "kind", String.valueOf(upload.kind()), "records", upload.recordsStored()));
        return new Stored(upload);
    }

    /** A parse's outcome for the upload: refused, or its records stored and what is to be set on its row. */
    private sealed interface Parse {
    }

    private record ParseRefused(ParseOutcome.Refused outcome) implements Parse {
    }

    private record ParseFound(UploadRepository.Parsed found) implements Parse {
    }

    /** Parses the file into the upload's records (COPY on the transaction's connection). */
    private Parse parse(IncomingFile file, FileFormat format, ParseContext ctx, Source source, long uploadId) {
        long t0 = System.nanoTime();
        ParseReport report = new ParseReport(config.maxErrorsReported(), config.maxWarningsKept());
        Set<String> plantsSeen = new TreeSet<>();
        ParseOutcome outcome = onTransactionConnection(conn -> {
            RecordCopySink sink = sinks.open(conn, uploadId);
            ParseOutcome o;
            try {
                o = ctx.profile().isWorkbook() ? workbookParser.parse(file.content().path(), format, ctx, sink, report)
                        : csvParser.parse(source, ctx, sink, report);
            } catch (RuntimeException e) {
                sink.abort();
                throw e;
            }
            if (o instanceof ParseOutcome.Refused) {
                sink.abort();
                return o;
            }
            try {
                sink.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            plantsSeen.addAll(sink.plants());
            return o;
        });
        if (outcome instanceof ParseOutcome.Refused refused) {
            return new ParseRefused(refused);
        }
        List<String> plantsOf = file.plant() != null ? List.of(file.plant()) : List.copyOf(plantsSeen);
        LOG.infof("upload %d accepted: %s (%s, plant %s): %d rows, %d records, %d warnings; parsed and copied in "
                + "%d ms", uploadId, file.fileName(), ctx.profile().id(), String.join(",", plantsOf),
                report.rowsRead(), report.recordsStored(), report.warningCount(), (System.nanoTime() - t0) / 1_000_000);
        ParseOutcome.Parsed parsed = (ParseOutcome.Parsed) outcome;
        return new ParseFound(new UploadRepository.Parsed(parsed.generatedAt(),
                Math.toIntExact(report.rowsRead()), Math.toIntExact(report.recordsStored()), report.skipped(),
                report.warnings(), plantsOf));
    }

    /** The work on the upload's transaction's connection (the pool hands the transaction the same one). */
    private <T> T onTransactionConnection(Function<Connection, T> work) {
        try (Connection conn = dataSource.getConnection()) {
            return work.apply(conn);
        } catch (SQLException e) {
            throw new IllegalStateException("no connection for the upload: " + e.getMessage(), e);
        }
    }

    /**
     * The original bytes are kept in any case: stored once all are in and the ingest counts (not a request refused as
     * a whole), while the rest is parsed.
     */
    private CompletableFuture<Void> storeBytes(IncomingFile file, BooleanSupplier counts) {
        return CompletableFuture.runAsync(() -> {
            ReceivedFile.Receipt r = receipt(file.content());
            if (r != null && r.size() <= config.maxUploadBytes() && counts.getAsBoolean()) {
                blobs.store(r.sha256(), file.content().path(), file.plant());
            }
        }, executor);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Bytes accepted before are answered with that upload; but when their plant came from the request (a file that
     * does not name its plant), a request naming another plant is refused: the same file is not two plants' data.
     */
    private UploadOutcome repeated(IncomingFile file, long existingId, ReceivedFile.Receipt r,
            OffsetDateTime receivedAt) {
        Upload found = uploads.byId(existingId).orElseThrow();
        String asked = file.plant() == null || file.plant().isBlank() ? null : file.plant().strip();
        if (asked != null && found.requestedPlant() != null && !found.requestedPlant().strip().equals(asked)) {
            return reject(file, r, receivedAt, null, Refusal.conflict("these bytes were accepted as upload "
                    + found.id() + " for " + String.join(", ", found.plants()) + "; they cannot also be " + asked
                    + "'s data"), true);
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            audit.record("upload.repeated", "upload " + found.id(), Map.of("file_name", file.fileName(),
                    "sha256", found.sha256()));
            return new UploadOutcome.Repeated(found);
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

    /** Unique to the upload until its hash is known: concurrent uploads do not wait in the accepted-hash index. */
    private static String placeholderHash() {
        return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
    }

    private static UploadRepository.Received received(IncomingFile file, OffsetDateTime receivedAt,
            LayoutProfile profile) {
        return new UploadRepository.Received(file.fileName(), file.contentType(), receivedAt, file.kind(),
                file.plant(), profile);
    }

    /** Records the refused upload in a transaction of its own; {@code bytesKept} says whether its bytes were stored. */
    private UploadOutcome reject(IncomingFile file, ReceivedFile.Receipt r, OffsetDateTime receivedAt,
            LayoutProfile profile, Refusal refusal, boolean bytesKept) {
        Upload rejected = QuarkusTransaction.requiringNew().call(() -> {
            Upload u = uploads.insertRejected(received(file, receivedAt, profile), r.sha256(), r.size(), bytesKept,
                    refusal.problems());
            audit.record("upload.rejected", "upload " + u.id(), Map.of("file_name", file.fileName(), "sha256",
                    r.sha256(), "status", refusal.status(), "reason", refusal.reason()));
            return u;
        });
        LOG.infof("upload %d rejected (%d): %s: %s", rejected.id(), refusal.status(), file.fileName(),
                refusal.reason());
        return new UploadOutcome.Rejected(rejected, refusal);
    }
}
