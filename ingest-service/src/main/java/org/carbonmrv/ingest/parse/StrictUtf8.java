package org.carbonmrv.ingest.parse;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Strict UTF-8, the one decoder of text files: a byte sequence that is not UTF-8 is an error, never replaced. */
final class StrictUtf8 {

    private StrictUtf8() {
    }

    static CharsetDecoder decoder() {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** The text of bytes (a UTF-8 byte order mark skipped), or empty when they are not UTF-8. */
    static Optional<String> decode(byte[] bytes) {
        int start = hasBom(bytes) ? 3 : 0;
        try {
            return Optional.of(decoder().decode(ByteBuffer.wrap(bytes, start, bytes.length - start)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    static boolean hasBom(byte[] b) {
        return b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF;
    }

    /** The 1-based line holding the first invalid UTF-8 sequence ('\n' never occurs inside a UTF-8 sequence). */
    static long firstInvalidLine(Source file) {
        try (InputStream in = new BufferedInputStream(file.open(), 1 << 16)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            long lineNo = 1;
            int b;
            do {
                b = in.read();
                if (b == '\n' || b < 0) {
                    if (decode(line.toByteArray()).isEmpty()) {
                        return lineNo;
                    }
                    line.reset();
                    lineNo++;
                } else {
                    line.write(b);
                }
            } while (b >= 0);
            return lineNo - 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
