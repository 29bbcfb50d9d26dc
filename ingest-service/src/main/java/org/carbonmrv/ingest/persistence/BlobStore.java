package org.carbonmrv.ingest.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.ingest.config.IngestConfig;

import io.agroal.api.AgroalDataSource;

/** Original file bytes, content-addressed by SHA-256, stored in chunks so that memory does not grow with size. */
@ApplicationScoped
public class BlobStore {

    private final AgroalDataSource dataSource;
    private final int chunkBytes;

    public BlobStore(AgroalDataSource dataSource, IngestConfig config) {
        this.dataSource = dataSource;
        this.chunkBytes = config.blobChunkBytes();
    }

    /** Stores the bytes once per content on the given (transaction's) connection; a no-op when already stored. */
    public void store(Connection conn, String sha256, Path file) throws SQLException, IOException {
        long size = Files.size(file);
        try (PreparedStatement ins = conn.prepareStatement(
                "insert into ingest.blob (sha256, size_bytes) values (?, ?) on conflict do nothing")) {
            ins.setString(1, sha256);
            ins.setLong(2, size);
            if (ins.executeUpdate() == 0) {
                return;
            }
        }
        try (InputStream in = Files.newInputStream(file);
                PreparedStatement chunk = conn.prepareStatement(
                        "insert into ingest.blob_chunk (sha256, seq, bytes) values (?, ?, ?)")) {
            byte[] buf = new byte[chunkBytes];
            int seq = 0;
            int n;
            while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
                chunk.setString(1, sha256);
                chunk.setInt(2, seq++);
                chunk.setBytes(3, n == buf.length ? buf : java.util.Arrays.copyOf(buf, n));
                chunk.executeUpdate();
            }
        }
    }

    /**
     * Stores the bytes in a transaction of their own. Used for every received file, in parallel with parsing: the
     * bytes are kept whether the upload is then accepted or rejected.
     */
    public void store(String sha256, Path file) {
        try (Connection conn = dataSource.getConnection()) {
            conn.setAutoCommit(false);
            try {
                store(conn, sha256, file);
                conn.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                conn.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store file " + sha256, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the stored bytes to {@code out}, one chunk in memory at a time. */
    public void copyTo(String sha256, OutputStream out) {
        try (Connection conn = dataSource.getConnection();
                PreparedStatement ps = conn.prepareStatement(
                        "select bytes from ingest.blob_chunk where sha256 = ? and seq = ?")) {
            for (int seq = 0;; seq++) {
                ps.setString(1, sha256);
                ps.setInt(2, seq);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return;
                    }
                    out.write(rs.getBytes(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read stored file " + sha256, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
