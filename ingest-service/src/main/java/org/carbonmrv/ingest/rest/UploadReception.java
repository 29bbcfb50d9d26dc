package org.carbonmrv.ingest.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import org.carbonmrv.common.problem.Problem;
import org.carbonmrv.ingest.config.IngestConfig;
import org.carbonmrv.ingest.upload.IncomingFile;
import org.carbonmrv.ingest.upload.IngestAttempt;
import org.carbonmrv.ingest.upload.ReceivedFile;
import org.carbonmrv.ingest.upload.UploadOutcome;
import org.carbonmrv.ingest.upload.UploadService;

/**
 * One upload request, read as it arrives. When the file part starts, an ingest of it starts too with the fields
 * sent so far; once the request is read to its end, that ingest counts if no later field changed them, else the file,
 * now complete, is ingested again with all of them.
 */
final class UploadReception implements AutoCloseable {

    private final UploadService uploads;
    private final IngestConfig config;
    private final Validator validator;

    private final Map<String, String> fields = new HashMap<>();
    private ReceivedFile received;
    private UploadRequestReader.Part filePart;
    private IncomingFile first;
    private IngestAttempt firstAttempt;
    private boolean decided;

    UploadReception(UploadService uploads, IngestConfig config, Validator validator) {
        this.uploads = uploads;
        this.config = config;
        this.validator = validator;
    }

    /** Reads the request and returns the upload's outcome. */
    UploadOutcome receive(String contentType, InputStream body) {
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
        IncomingFile complete = incoming();
        boolean firstCounts = first != null && Objects.equals(first.kind(), complete.kind())
                && Objects.equals(first.plant(), complete.plant());
        decided = true;
        if (firstCounts) {
            return firstAttempt.finish(true);
        }
        if (firstAttempt != null) {
            firstAttempt.abandon();
        }
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
                first = incoming();
                firstAttempt = uploads.start(first);
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

    private IncomingFile incoming() {
        return new IncomingFile(received, UploadResource.safeName(filePart.fileName()), filePart.contentType(),
                blankToNull(fields.get("kind")), blankToNull(fields.get("plant")));
    }

    /** Ends an ingest whose result is not used (it writes nothing once it learns that) and deletes the file. */
    @Override
    public void close() throws IOException {
        if (firstAttempt != null && !decided) {
            firstAttempt.abandon();
        }
        if (received != null) {
            received.close();
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Problem badRequest(String detail) {
        return Problem.status(400).title("Bad upload request").detail(detail).build();
    }
}
