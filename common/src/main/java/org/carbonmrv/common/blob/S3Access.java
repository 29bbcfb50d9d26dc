package org.carbonmrv.common.blob;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/** The S3 client of the configured bucket, made on first use (a service that never meets an S3 file never connects). */
@ApplicationScoped
public class S3Access {

    private final BlobsConfig config;
    private volatile S3Blobs blobs;

    public S3Access(BlobsConfig config) {
        this.config = config;
    }

    /** Whether new files go to S3. */
    public boolean writesToS3() {
        return config.store() == BlobsConfig.Store.S3;
    }

    /** The bucket's client; it reads the files stored in S3 whatever the store of new files is. */
    public synchronized S3Blobs blobs() {
        if (blobs == null) {
            blobs = S3Blobs.connect(config.s3());
        }
        return blobs;
    }

    @PreDestroy
    void close() {
        if (blobs != null) {
            blobs.close();
        }
    }
}
