package org.carbonmrv.common.blob;

import java.net.URI;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where raw files are kept: in PostgreSQL (chunks, the local default) or in an S3 bucket. ingest writes there, mrv
 * reads from there for evidence packages; files stored before a change of store stay readable where they are.
 */
@ConfigMapping(prefix = "carbonmrv.blobs")
public interface BlobsConfig {

    enum Store {
        POSTGRESQL, S3
    }

    /** Where new files go. */
    @WithDefault("postgresql")
    Store store();

    S3 s3();

    interface S3 {
        /** The bucket (required when the store is S3). */
        Optional<String> bucket();

        /** An S3-compatible endpoint; the region's AWS endpoint when absent. */
        Optional<URI> endpoint();

        @WithDefault("us-east-1")
        String region();

        /** Path-style addressing (most S3-compatible servers want it). */
        @WithDefault("false")
        boolean pathStyle();

        /** {@code AES256}, {@code aws:kms}, or {@code none} for a server without encryption at rest. */
        @WithDefault("AES256")
        String serverSideEncryption();

        /** Static credentials (tests, S3-compatible servers); the default provider chain (task role) otherwise. */
        Optional<String> accessKeyId();

        Optional<String> secretAccessKey();
    }
}
