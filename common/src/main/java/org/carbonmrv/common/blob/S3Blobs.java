package org.carbonmrv.common.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Raw files as S3 objects, content-addressed: {@code raw/{plant}/{yyyy}/{mm}/{sha256}}, encrypted at rest. An object
 * that is there already is not written again (the bytes of an upload that rolled back are reused).
 */
public final class S3Blobs implements AutoCloseable {

    private final S3Client s3;
    private final String bucket;
    private final String encryption;

    private S3Blobs(S3Client s3, String bucket, String encryption) {
        this.s3 = s3;
        this.bucket = bucket;
        this.encryption = encryption;
    }

    public static S3Blobs connect(BlobsConfig.S3 c) {
        String bucket = c.bucket().orElseThrow(() -> new IllegalStateException(
                "carbonmrv.blobs.s3.bucket is required when carbonmrv.blobs.store is s3"));
        S3ClientBuilder b = S3Client.builder().region(Region.of(c.region()))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).forcePathStyle(c.pathStyle())
                // checksums only where S3 requires them: S3-compatible servers refuse the SDK's trailing ones
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        c.endpoint().ifPresent(b::endpointOverride);
        if (c.accessKeyId().isPresent() && c.secretAccessKey().isPresent()) {
            b.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(c.accessKeyId().get(),
                    c.secretAccessKey().get())));
        } else {
            b.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        return new S3Blobs(b.build(), bucket, c.serverSideEncryption());
    }

    /** The key of a file: its plant's prefix (one IAM policy per prefix), the month it arrived, its SHA-256. */
    public static String key(String plant, LocalDate received, String sha256) {
        String p = plant == null || plant.isBlank() ? "unassigned" : plant.replaceAll("[^A-Za-z0-9._-]", "_");
        return String.format("raw/%s/%04d/%02d/%s", p, received.getYear(), received.getMonthValue(), sha256);
    }

    public boolean exists(String key) {
        try {
            s3.headObject(HeadObjectRequest.builder().bucket(bucket).key(key).build());
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    /** Writes the file unless an object of that key exists. */
    public void put(String key, Path file, String sha256) {
        if (exists(key)) {
            return;
        }
        PutObjectRequest.Builder req = PutObjectRequest.builder().bucket(bucket).key(key)
                .metadata(java.util.Map.of("sha256", sha256));
        if (!"none".equalsIgnoreCase(encryption)) {
            req.serverSideEncryption(encryption);
        }
        s3.putObject(req.build(), RequestBody.fromFile(file));
    }

    /** Streams an object's bytes to {@code out}. */
    public void copyTo(String key, OutputStream out) {
        try (InputStream in = s3.getObject(b -> b.bucket(bucket).key(key))) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }
}
