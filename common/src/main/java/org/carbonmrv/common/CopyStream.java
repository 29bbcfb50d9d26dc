package org.carbonmrv.common;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * One {@code COPY … FROM STDIN} through pgjdbc's CopyManager, with the buffer that the text ({@link CopyWriter}) and
 * binary ({@link BinaryCopyWriter}) encoders write into. Rows become part of the connection's transaction on
 * {@link #close()}; {@link #cancel()} abandons them.
 */
public abstract sealed class CopyStream implements AutoCloseable permits CopyWriter, BinaryCopyWriter {

    private final PGCopyOutputStream out;
    final byte[] buf = new byte[1 << 16];
    int pos;
    long rows;

    CopyStream(Connection connection, String copySql) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        this.out = new PGCopyOutputStream(pg, copySql, 1 << 16);
    }

    /** Rows written so far. */
    public long rows() {
        return rows;
    }

    final void put(byte b) throws IOException {
        if (pos == buf.length) {
            flushBuffer();
        }
        buf[pos++] = b;
    }

    final void put(byte[] bytes) throws IOException {
        if (bytes.length > buf.length - pos) {
            flushBuffer();
            if (bytes.length > buf.length) {
                out.write(bytes);
                return;
            }
        }
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
    }

    /** Makes room for {@code n} more bytes ({@code n} at most the buffer's size), so that they need no checks. */
    final void ensure(int n) throws IOException {
        if (n > buf.length - pos) {
            flushBuffer();
        }
    }

    private void flushBuffer() throws IOException {
        out.write(buf, 0, pos);
        pos = 0;
    }

    /** Called before the COPY ends: a format's trailer. */
    void finish() throws IOException {
    }

    /** Ends the COPY; the rows become part of the surrounding transaction. */
    @Override
    public void close() throws IOException {
        boolean ended = false;
        try {
            finish();
            flushBuffer();
            out.endCopy();
            ended = true;
        } catch (SQLException e) {
            throw new IOException("COPY failed: " + e.getMessage(), e);
        } finally {
            if (!ended) {
                // a COPY left active holds the connection's lock: its rollback would wait for it for ever
                cancel();
            }
        }
    }

    /** Aborts the COPY (the transaction is rolled back anyway). */
    public void cancel() {
        try {
            if (out.isActive()) {
                out.cancelCopy();
            }
        } catch (SQLException e) {
            // the connection's transaction is being rolled back
        }
    }
}
