package org.carbonmrv.common;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;

import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;

/**
 * Reads the rows of a query with PostgreSQL {@code COPY (…) TO STDOUT (FORMAT binary)}: one stream, no cursor round
 * trips and no objects per row, for reads of a million rows (a large sensor upload). Values are taken in column
 * order with the typed getters after {@link #next()}; a getter of a NULL value returns its zero and sets
 * {@link #wasNull()}.
 *
 * <p>COPY takes no bind parameters: the query must be built from trusted values only (ids of this service's own
 * rows), never from request input.
 */
public final class BinaryCopyReader implements AutoCloseable {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    /** Seconds from 1970-01-01 to 2000-01-01, PostgreSQL's epoch for timestamps. */
    private static final long PG_EPOCH_SECOND = 946_684_800L;

    private final PGCopyInputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private int fieldsLeft;
    private boolean wasNull;
    private boolean ended;

    public BinaryCopyReader(Connection connection, String query) throws SQLException, IOException {
        this.in = new PGCopyInputStream(connection.unwrap(PGConnection.class),
                "COPY (" + query + ") TO STDOUT (FORMAT binary)");
        byte[] signature = new byte[SIGNATURE.length];
        for (int i = 0; i < signature.length; i++) {
            signature[i] = readByte();
        }
        if (!Arrays.equals(signature, SIGNATURE)) {
            throw new IOException("not a binary COPY stream");
        }
        readInt(); // flags
        skip(readInt()); // header extension
    }

    /** Moves to the next row; false after the last one. */
    public boolean next() throws IOException {
        if (ended) {
            return false;
        }
        while (fieldsLeft > 0) {
            int length = field(-1);
            if (length > 0) {
                skip(length);
            }
        }
        short fields = readShort();
        if (fields == -1) {
            ended = true;
            return false;
        }
        fieldsLeft = fields;
        return true;
    }

    /** Whether the value read last was NULL. */
    public boolean wasNull() {
        return wasNull;
    }

    public int int4() throws IOException {
        return field(4) < 0 ? 0 : readInt();
    }

    public long int8() throws IOException {
        return field(8) < 0 ? 0 : readLong();
    }

    public double float8() throws IOException {
        return field(8) < 0 ? 0 : Double.longBitsToDouble(readLong());
    }

    /** A {@code text} value (UTF-8, the connection's client encoding), or null. */
    public String text() throws IOException {
        int length = field(-1);
        if (length < 0) {
            return null;
        }
        if (length <= buf.length && fill(length)) {
            String s = new String(buf, pos, length, StandardCharsets.UTF_8);
            pos += length;
            return s;
        }
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = readByte();
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A {@code timestamp} (without time zone) as seconds since 1970-01-01 00:00, fractions dropped (floor). */
    public long timestampEpochSecond() throws IOException {
        return field(8) < 0 ? 0 : Math.floorDiv(readLong(), 1_000_000L) + PG_EPOCH_SECOND;
    }

    /**
     * Ends the COPY: what the server still sends (the rows not read, the end of the stream) is read and dropped, so
     * that the connection's transaction stays usable (cancelling the COPY would abort it).
     */
    @Override
    public void close() throws IOException {
        while (in.read(buf) >= 0) {
            // rows not read, then the end of the COPY
        }
        in.close();
    }

    /** Takes the next value of the row; its length (-1: NULL), checked against {@code expected} unless -1. */
    private int field(int expected) throws IOException {
        if (fieldsLeft <= 0) {
            throw new IllegalStateException("no more values in this row");
        }
        fieldsLeft--;
        int length = readInt();
        wasNull = length < 0;
        if (!wasNull && expected >= 0 && length != expected) {
            throw new IOException("a value of " + length + " bytes where " + expected + " were expected");
        }
        return length;
    }

    /** Makes {@code n} bytes available from {@code pos}; false when the stream ends first. */
    private boolean fill(int n) throws IOException {
        if (limit - pos >= n) {
            return true;
        }
        System.arraycopy(buf, pos, buf, 0, limit - pos);
        limit -= pos;
        pos = 0;
        while (limit < n) {
            int read = in.read(buf, limit, buf.length - limit);
            if (read < 0) {
                return false;
            }
            limit += read;
        }
        return true;
    }

    private void need(int n) throws IOException {
        if (!fill(n)) {
            throw new EOFException("the COPY stream ended inside a row");
        }
    }

    private byte readByte() throws IOException {
        need(1);
        return buf[pos++];
    }

    private short readShort() throws IOException {
        need(2);
        short v = (short) ((buf[pos] & 0xFF) << 8 | buf[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    private int readInt() throws IOException {
        need(4);
        int v = (buf[pos] & 0xFF) << 24 | (buf[pos + 1] & 0xFF) << 16 | (buf[pos + 2] & 0xFF) << 8
                | buf[pos + 3] & 0xFF;
        pos += 4;
        return v;
    }

    private long readLong() throws IOException {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | buf[pos + i] & 0xFF;
        }
        pos += 8;
        return v;
    }

    private void skip(int n) throws IOException {
        while (n > 0) {
            need(1);
            int step = Math.min(n, limit - pos);
            pos += step;
            n -= step;
        }
    }
}
