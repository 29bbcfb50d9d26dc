package org.carbonmrv.mrv.statement.evidence;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

/**
 * The original bytes of uploads, as ingest publishes them ({@code ingest.v_upload_file}: chunks in order), streamed
 * in batches (on the caller's transaction when there is one).
 */
@ApplicationScoped
public class RawFiles {

    private final AgroalDataSource dataSource;

    public RawFiles(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Writes upload {@code id}'s bytes to {@code out}. @return how many */
    public long copy(long uploadId, OutputStream out) {
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
