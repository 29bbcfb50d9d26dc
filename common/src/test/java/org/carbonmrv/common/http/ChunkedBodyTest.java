package org.carbonmrv.common.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Bytes written in writes of every size, across and onto the chunks' edges, come out as they went in. */
class ChunkedBodyTest {

    @Test
    void streamsWhatWasWrittenInOrder() throws IOException {
        Random random = new Random(20_261_203L);
        for (int c = 0; c < 50; c++) {
            ChunkedBody body = new ChunkedBody();
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            int writes = random.nextInt(200);
            for (int w = 0; w < writes; w++) {
                byte[] b = new byte[random.nextInt(4) == 0 ? 32 * 1024 : random.nextInt(9_000)];
                random.nextBytes(b);
                int off = b.length == 0 ? 0 : random.nextInt(b.length);
                int len = b.length - off;
                if (random.nextBoolean() && len > 0) {
                    body.write(b[off]);
                    expected.write(b[off]);
                } else {
                    body.write(b, off, len);
                    expected.write(b, off, len);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            body.entity().write(out);
            assertArrayEquals(expected.toByteArray(), out.toByteArray(), "case " + c);
        }
    }
}
