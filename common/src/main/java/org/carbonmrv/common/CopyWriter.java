package org.carbonmrv.common;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Streams rows into one table with PostgreSQL {@code COPY … FROM STDIN} (text format) through pgjdbc's CopyManager.
 * Rows are encoded straight to bytes: this is the hot path of large sensor files.
 */
public final class CopyWriter extends CopyStream {

    private boolean firstField = true;

    public CopyWriter(Connection connection, String table, String columns) throws SQLException {
        super(connection, "COPY " + table + " (" + columns + ") FROM STDIN");
    }

    public CopyWriter text(String value) throws IOException {
        separator();
        if (value == null) {
            nullValue();
            return this;
        }
        // indexOf is vectorised: most values (lineage JSON, names) need no escaping and go in as one array copy
        if (value.indexOf('\\') >= 0 || value.indexOf('\t') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0) {
            value = value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
        }
        put(value.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public CopyWriter number(Double value) throws IOException {
        if (value == null) {
            separator();
            nullValue();
            return this;
        }
        // the shortest decimal that round-trips (Schubfach, as Double.toString from Java 19; Java 17's is several
        // times slower): PostgreSQL parses it to the same float8
        return raw(com.fasterxml.jackson.core.io.NumberOutput.toString(value, true));
    }

    public CopyWriter number(long value) throws IOException {
        return raw(Long.toString(value));
    }

    public CopyWriter number(Integer value) throws IOException {
        return value == null ? text(null) : raw(Integer.toString(value));
    }

    /** A value known to need no escaping (digits, ISO dates). */
    public CopyWriter raw(String value) throws IOException {
        separator();
        int n = value.length();
        if (n > buf.length) {
            put(value.getBytes(StandardCharsets.ISO_8859_1));
            return this;
        }
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[pos + i] = (byte) value.charAt(i);
        }
        pos += n;
        return this;
    }

    public void endRow() throws IOException {
        put((byte) '\n');
        firstField = true;
        rows++;
    }

    private void separator() throws IOException {
        if (!firstField) {
            put((byte) '\t');
        }
        firstField = false;
    }

    private void nullValue() throws IOException {
        put2('\\', 'N');
    }

    private void put2(char a, char b) throws IOException {
        put((byte) a);
        put((byte) b);
    }
}
