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

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.Jdbc;
import org.carbonmrv.common.blob.S3Access;
import org.carbonmrv.common.blob.S3Blobs;
import org.carbonmrv.ingest.config.IngestConfig;

import io.agroal.api.AgroalDataSource;

/**
 * Original file bytes, content-addressed by SHA-256: in PostgreSQL in chunks (so that memory does not grow with
 * size), or as S3 objects ({@code carbonmrv.blobs.store=s3}: the object is written before its row). A blob row says
 * where its bytes are, so both kinds stay readable whatever the store of new files is.
 */
@ApplicationScoped
public class BlobStore {

    private final AgroalDataSource dataSource;
    private final int chunkBytes;
    private final S3Access s3;

    public BlobStore(AgroalDataSource dataSource, IngestConfig config, S3Access s3) {
        this.dataSource = dataSource;
        this.chunkBytes = config.blobChunkBytes();
        this.s3 = s3;
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
     * bytes are kept whether the upload is then accepted or rejected; the upload commits only once they are.
     *
     * @param plant the plant the request names (the S3 key's prefix), or null
     */
    public void store(String sha256, Path file, String plant) {
        try (Connection conn = dataSource.getConnection()) {
            conn.setAutoCommit(false);
            try {
                if (s3.writesToS3()) {
                    storeInS3(conn, sha256, file, plant);
                } else {
                    store(conn, sha256, file);
                }
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

    /** The object first, then its row: a row never names an object that is not there. */
    private void storeInS3(Connection conn, String sha256, Path file, String plant) throws SQLException {
        if (s3Key(conn, sha256).isPresent()) {
            return;
        }
        String key = S3Blobs.key(plant, LocalDate.now(ZoneOffset.UTC), sha256);
        s3.blobs().put(key, file, sha256);
        try (PreparedStatement ins = conn.prepareStatement(
                "insert into ingest.blob (sha256, size_bytes, s3_key) values (?, ?, ?) on conflict do nothing")) {
            ins.setString(1, sha256);
            ins.setLong(2, sizeOf(file));
            ins.setString(3, key);
            ins.executeUpdate();
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The S3 key of a stored blob; empty when its bytes are here (or it is not stored). */
    private static Optional<String> s3Key(Connection conn, String sha256) throws SQLException {
        return Jdbc.list(conn, "select s3_key from ingest.blob where sha256 = ? and s3_key is not null",
                rs -> rs.getString(1), sha256).stream().findFirst();
    }

    /** Writes the stored bytes to {@code out}: from S3, or one chunk in memory at a time. */
    public void copyTo(String sha256, OutputStream out) {
        Optional<String> key;
        try (Connection conn = dataSource.getConnection()) {
            key = s3Key(conn, sha256);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read stored file " + sha256, e);
        }
        if (key.isPresent()) {
            s3.blobs().copyTo(key.get(), out);
            return;
        }
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
