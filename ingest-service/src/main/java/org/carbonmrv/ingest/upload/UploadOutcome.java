package org.carbonmrv.ingest.upload;

/** What became of an uploaded file. Every upload that counts, accepted or rejected, is recorded. */
public sealed interface UploadOutcome {

    /** A new upload with all its records. */
    record Accepted(Upload upload) implements UploadOutcome {
    }

    /** These bytes were accepted before: the existing upload, nothing stored again. */
    record Repeated(Upload existing) implements UploadOutcome {
    }

    /** Refused, and recorded as REJECTED with why. */
    record Rejected(Upload recorded, Refusal refusal) implements UploadOutcome {
    }

    /**
     * The request turned out to need another ingest (a kind or plant field sent after the file part): this one wrote
     * nothing and records nothing; the other one's outcome is the answer.
     */
    record Superseded() implements UploadOutcome {
    }
}
