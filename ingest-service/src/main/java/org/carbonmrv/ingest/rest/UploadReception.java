package org.carbonmrv.ingest.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.ws.rs.core.Response;

import org.carbonmrv.ingest.config.IngestConfig;
import org.carbonmrv.ingest.upload.ReceivedFile;
import org.carbonmrv.ingest.upload.UploadService;
import org.carbonmrv.ingest.upload.UploadService.IncomingFile;
import org.eclipse.microprofile.context.ManagedExecutor;

import io.quarkiverse.resteasy.problem.HttpProblem;

/**
 * One upload request, read as it arrives. When the file part starts, an ingest of it starts too (on another thread)
 * with the fields sent so far; once the request is read to its end, that ingest counts if no later field changed
 * them, else the file, now complete, is ingested again with all of them.
 */
final class UploadReception implements AutoCloseable {

    private final UploadService uploads;
    private final IngestConfig config;
    private final Validator validator;
    private final ManagedExecutor executor;

    private final Map<String, String> fields = new HashMap<>();
    private final CompletableFuture<Boolean> firstStands = new CompletableFuture<>();
    private ReceivedFile received;
    private UploadRequestReader.Part filePart;
    private IncomingFile first;
    private Future<UploadService.Outcome> firstIngest;

    UploadReception(UploadService uploads, IngestConfig config, Validator validator, ManagedExecutor executor) {
        this.uploads = uploads;
        this.config = config;
        this.validator = validator;
        this.executor = executor;
    }

    /** Reads the request and returns the upload's outcome. */
    UploadService.Outcome receive(String contentType, InputStream body) {
        String boundary = UploadRequestReader.boundary(contentType);
        if (boundary == null) {
            throw badRequest("the body must be multipart/form-data with a boundary");
        }
        try {
            UploadRequestReader.read(body, boundary, this::part);
        } catch (IOException e) {
            if (received != null) {
                received.fail(e);
            }
            throw badRequest("unreadable multipart body: " + e.getMessage());
        }
        Set<ConstraintViolation<UploadForm>> violations = validator.validate(form(received != null));
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        IncomingFile complete = incoming(CompletableFuture.completedFuture(true));
        boolean firstCounts = first != null && Objects.equals(first.kind(), complete.kind())
                && Objects.equals(first.plant(), complete.plant());
        firstStands.complete(firstCounts);
        if (firstCounts) {
            return result(firstIngest);
        }
        awaitQuietly(firstIngest);
        return uploads.ingest(complete);
    }

    private void part(UploadRequestReader.Part part, UploadRequestReader.PartBody body) throws IOException {
        if ("file".equals(part.name()) && received != null) {
            throw new IOException("more than one 'file' part: one upload is one file");
        }
        if ("file".equals(part.name()) && part.isFile()) {
            received = ReceivedFile.create(config.uploadsDirectory(), config.maxUploadBytes());
            filePart = part;
            if (validator.validate(form(true)).isEmpty()) {
                // parsed while it arrives, with the fields sent so far (usually all of them)
                first = incoming(firstStands);
                firstIngest = executor.submit(() -> uploads.ingest(first));
            }
            try (OutputStream out = received.appender()) {
                body.copyTo(out);
            }
            received.complete();
        } else if (("kind".equals(part.name()) || "plant".equals(part.name())) && !part.isFile()) {
            fields.put(part.name(), body.text(256));
        }
    }

    private UploadForm form(boolean hasFile) {
        return new UploadForm(hasFile ? "(file)" : null, fields.get("kind"), fields.get("plant"));
    }

    private IncomingFile incoming(CompletionStage<Boolean> stands) {
        return new IncomingFile(received, UploadResource.safeName(filePart.fileName()), filePart.contentType(),
                blankToNull(fields.get("kind")), blankToNull(fields.get("plant")), stands);
    }

    /** Ends an ingest whose result is not used (it writes nothing once it learns that) and deletes the file. */
    @Override
    public void close() throws IOException {
        firstStands.complete(false); // no-op once decided
        awaitQuietly(firstIngest);
        if (received != null) {
            received.close();
        }
    }

    private static UploadService.Outcome result(Future<UploadService.Outcome> ingest) {
        try {
            return ingest.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static void awaitQuietly(Future<?> ingest) {
        if (ingest != null) {
            try {
                ingest.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                // superseded, or failed with the unreadable request: the answer comes from elsewhere
            }
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static HttpProblem badRequest(String detail) {
        return HttpProblem.builder().withStatus(Response.Status.BAD_REQUEST).withTitle("Bad upload request")
                .withDetail(detail).build();
    }
}
