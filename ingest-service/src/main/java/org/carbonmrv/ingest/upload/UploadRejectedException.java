package org.carbonmrv.ingest.upload;

import org.carbonmrv.ingest.parse.RejectedFileException;

/** A refused upload, already recorded as REJECTED; the REST layer turns it into problem+json. */
public class UploadRejectedException extends RuntimeException {

    private final transient Upload upload;
    private final RejectedFileException reason;

    public UploadRejectedException(Upload upload, RejectedFileException reason) {
        super(reason.getMessage(), reason);
        this.upload = upload;
        this.reason = reason;
    }

    public Upload upload() {
        return upload;
    }

    public RejectedFileException reason() {
        return reason;
    }
}
