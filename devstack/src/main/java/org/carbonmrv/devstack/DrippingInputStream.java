package org.carbonmrv.devstack;

import java.io.InputStream;

/** A request body that arrives slowly: pieces of at most {@code piece} bytes, each after a pause. */
public final class DrippingInputStream extends InputStream {

    private final byte[] body;
    private final int piece;
    private final long pauseMillis;
    private int pos;

    public DrippingInputStream(byte[] body, int piece, long pauseMillis) {
        this.body = body;
        this.piece = piece;
        this.pauseMillis = pauseMillis;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buf, int off, int len) {
        if (pos == body.length) {
            return -1;
        }
        try {
            Thread.sleep(pauseMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int n = Math.min(Math.min(len, piece), body.length - pos);
        System.arraycopy(body, pos, buf, off, n);
        pos += n;
        return n;
    }
}
