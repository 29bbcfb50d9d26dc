package org.carbonmrv.common.chain;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.carbonmrv.common.Sha256;

/**
 * The canonical form a hash chain covers, written independently of the SQL that chains rows as they are inserted:
 * each field as {@code <UTF-8 byte length>:<text>}, or {@code -} for null, concatenated; a row's hash is the SHA-256
 * (hex) of its predecessor's hash followed by that content; the first row's predecessor is 64 zeros.
 */
public final class Chain {

    public static final String GENESIS = "0".repeat(64);

    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'");

    private Chain() {
    }

    /** The canonical content of a row's fields, in order. */
    public static String content(String... fields) {
        StringBuilder b = new StringBuilder();
        for (String f : fields) {
            if (f == null) {
                b.append('-');
            } else {
                b.append(f.getBytes(StandardCharsets.UTF_8).length).append(':').append(f);
            }
        }
        return b.toString();
    }

    /** An instant as the chain writes it: UTC, microseconds. */
    public static String instant(OffsetDateTime at) {
        return at == null ? null : at.withOffsetSameInstant(ZoneOffset.UTC).format(INSTANT);
    }

    public static String hash(String previous, String content) {
        return Sha256.hex(previous + content);
    }
}
