package org.carbonmrv.mrv.statement.evidence;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.Jdbc;
import org.carbonmrv.common.blob.S3Access;

import io.agroal.api.AgroalDataSource;

/**
 * The original bytes of uploads, where ingest says they are ({@code ingest.v_upload_blob}): an S3 object of the
 * configured bucket, or chunks in order ({@code ingest.v_upload_file}) streamed in batches (on the caller's
 * transaction when there is one).
 */
@ApplicationScoped
public class RawFiles {

    private final AgroalDataSource dataSource;
    private final S3Access s3;

    public RawFiles(AgroalDataSource dataSource, S3Access s3) {
        this.dataSource = dataSource;
        this.s3 = s3;
    }

    /** Writes upload {@code id}'s bytes to {@code out}. @return how many */
    public long copy(long uploadId, OutputStream out) {
        Optional<String> key = Jdbc.first(dataSource, "select s3_key from ingest.v_upload_blob where upload_id = ? "
                + "and s3_key is not null", rs -> rs.getString(1), uploadId);
        if (key.isPresent()) {
            CountingOutputStream counted = new CountingOutputStream(out);
            s3.blobs().copyTo(key.get(), counted);
            return counted.count;
        }
        return copyChunks(uploadId, out);
    }

    private static final class CountingOutputStream extends java.io.FilterOutputStream {
        private long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }

    private long copyChunks(long uploadId, OutputStream out) {
        long n = 0;
        boolean any = false;
        try (Connection c = dataSource.getConnection()) {
            // a cursor (a chunk at a time, never the whole file) needs a transaction: the caller's, or one here
            boolean own = c.getAutoCommit();
            if (own) {
                c.setAutoCommit(false);
            }
            try (PreparedStatement ps = c.prepareStatement("select bytes from ingest.v_upload_file where upload_id = ? "
                    + "order by seq")) {
                ps.setFetchSize(4);
                ps.setLong(1, uploadId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        byte[] b = rs.getBytes(1);
                        out.write(b);
                        n += b.length;
                        any = true;
                    }
                }
            } finally {
                if (own) {
                    c.rollback();
                    c.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the bytes of upload " + uploadId + " cannot be read", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!any) {
            throw new IllegalStateException("ingest publishes no bytes for upload " + uploadId);
        }
        return n;
    }
}
