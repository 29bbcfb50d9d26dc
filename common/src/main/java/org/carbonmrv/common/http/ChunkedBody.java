package org.carbonmrv.common.http;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.core.StreamingOutput;

/**
 * An answer's bytes held in 32 KB chunks until the whole of it is known, then streamed: one array of the whole
 * (a plant-day of readings is half a MB) would be a humongous allocation for G1 at each request and start a
 * marking cycle each time, and a failure while it is produced must still be answered by a problem, not half a body.
 */
public final class ChunkedBody extends OutputStream {

    private static final int CHUNK = 32 * 1024;

    private final List<byte[]> full = new ArrayList<>();
    private byte[] current = new byte[CHUNK];
    private int used;

    @Override
    public void write(int b) {
        if (used == CHUNK) {
            next();
        }
        current[used++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        while (len > 0) {
            if (used == CHUNK) {
                next();
            }
            int n = Math.min(len, CHUNK - used);
            System.arraycopy(b, off, current, used, n);
            used += n;
            off += n;
            len -= n;
        }
    }

    private void next() {
        full.add(current);
        current = new byte[CHUNK];
        used = 0;
    }

    /** How many bytes were written. */
    public long size() {
        return (long) full.size() * CHUNK + used;
    }

    /** The bytes written, as an entity that writes them out (as often as asked, once writing has ended). */
    public StreamingOutput entity() {
        return out -> {
            for (byte[] chunk : full) {
                out.write(chunk);
            }
            out.write(current, 0, used);
        };
    }
}
