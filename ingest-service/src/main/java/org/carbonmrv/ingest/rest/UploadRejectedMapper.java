package org.carbonmrv.ingest.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.carbonmrv.ingest.parse.RejectedFileException;
import org.carbonmrv.ingest.upload.UploadRejectedException;

import io.quarkiverse.resteasy.problem.HttpProblem;

/** A refused upload as {@code application/problem+json}: the recorded upload's id and each problem found. */
@Provider
public class UploadRejectedMapper implements ExceptionMapper<UploadRejectedException> {

    @Override
    public Response toResponse(UploadRejectedException e) {
        RejectedFileException reason = e.reason();
        String title = switch (reason.status()) {
            case 400 -> "Upload request incomplete";
            case 413 -> "Upload too large";
            default -> "File cannot be ingested";
        };
        return HttpProblem.builder().withStatus(reason.status()).withTitle(title).withDetail(reason.getMessage())
                .with("upload_id", e.upload().id).with("upload", "/api/v1/uploads/" + e.upload().id)
                .with("error_count", reason.totalErrors()).with("errors", reason.problems()).build().toResponse();
    }
}
