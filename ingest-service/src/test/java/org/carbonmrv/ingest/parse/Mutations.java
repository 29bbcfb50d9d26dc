package org.carbonmrv.ingest.parse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Inputs for the parsers' robustness properties, from a seeded generator (the same seed gives the same cases): a real
 * file mutated (bits flipped, bytes inserted, ranges deleted, duplicated or swapped, truncated, interesting bytes
 * spliced in), and CSV text built from random fields (numbers, dates, quotes, separators, line ends, BOMs, invalid
 * UTF-8, very long fields).
 */
final class Mutations {

    private static final byte[][] INTERESTING = {{0}, {(byte) 0xFF}, {'"'}, {','}, {';'}, {'\n'}, {'\r'}, {'\r', '\n'},
        {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, {(byte) 0xC3}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF0, (byte) 0x9F,
            (byte) 0x92, (byte) 0xA9}, {'-', '1', 'e', '9', '9', '9'}, {'N', 'a', 'N'}, {'1', '/', '0'},
        "9999-99-99".getBytes(StandardCharsets.US_ASCII), "=cmd|' /C calc'!A0".getBytes(StandardCharsets.US_ASCII),
        {'P', 'K', 3, 4}, {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0}};

    private static final List<String> FIELDS = List.of("", " ", "PLANT_A", "PLANT_B", "PLANT_Z", "calcium",
        "mg/L", "mmol/L", "ppm", "<0.5", ">100", "ND", "42.1", "-0", "1e308", "-1e308", "NaN", "Infinity", "0x1F",
        "2024-07-02", "2024-02-30", "07/02/2024", "2024-07-02T25:61:00", "2024-03-10 02:30:00", "1900-01-01",
        "primary_clarifier", "secondary_clarifier", "outlet", "\"quoted, with comma\"", "\"unterminated", "a\"b",
        "PH0101", "pH", "7.2", "14.5", "ERR", "TRUE", "1", "2", "9999999999999999999999", "é", "\u0000", "\t");

    private final Random random;

    Mutations(long seed) {
        this.random = new Random(seed);
    }

    /** One to four mutations of {@code original}. */
    byte[] mutate(byte[] original) {
        byte[] b = original.clone();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n && b.length > 0; i++) {
            b = once(b);
        }
        return b;
    }

    private byte[] once(byte[] b) {
        int at = random.nextInt(b.length);
        switch (random.nextInt(7)) {
            case 0 -> {
                byte[] c = b.clone();
                c[at] ^= (byte) (1 << random.nextInt(8));
                return c;
            }
            case 1 -> {
                return splice(b, at, 0, INTERESTING[random.nextInt(INTERESTING.length)]);
            }
            case 2 -> {
                return splice(b, at, Math.min(b.length - at, 1 + random.nextInt(64)), new byte[0]);
            }
            case 3 -> {
                int len = Math.min(b.length - at, 1 + random.nextInt(256));
                byte[] copy = new byte[len];
                System.arraycopy(b, at, copy, 0, len);
                return splice(b, random.nextInt(b.length), 0, copy);
            }
            case 4 -> {
                return java.util.Arrays.copyOf(b, at); // truncated
            }
            case 5 -> {
                byte[] noise = new byte[1 + random.nextInt(16)];
                random.nextBytes(noise);
                return splice(b, at, Math.min(b.length - at, noise.length), noise);
            }
            default -> {
                return splice(b, at, Math.min(b.length - at, 1), INTERESTING[random.nextInt(INTERESTING.length)]);
            }
        }
    }

    private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + insert.length);
        out.write(b, 0, at);
        out.write(insert, 0, insert.length);
        out.write(b, at + remove, b.length - at - remove);
        return out.toByteArray();
    }

    /** A CSV with {@code header} and random rows of random fields (sometimes the wrong number of them). */
    byte[] csv(List<String> header) {
        StringBuilder s = new StringBuilder();
        if (random.nextInt(10) == 0) {
            s.append('\uFEFF');
        }
        s.append(String.join(",", header)).append(lineEnd());
        int rows = random.nextInt(30);
        for (int r = 0; r < rows; r++) {
            int fields = header.size() + (random.nextInt(8) == 0 ? random.nextInt(5) - 2 : 0);
            for (int f = 0; f < Math.max(0, fields); f++) {
                if (f > 0) {
                    s.append(',');
                }
                s.append(field());
            }
            s.append(lineEnd());
        }
        byte[] bytes = s.toString().getBytes(StandardCharsets.UTF_8);
        return random.nextInt(5) == 0 ? mutate(bytes) : bytes;
    }

    private String field() {
        int k = random.nextInt(20);
        if (k == 0) {
            return "x".repeat(random.nextInt(70_000));
        }
        if (k < 4) {
            return String.valueOf(random.nextGaussian() * Math.pow(10, random.nextInt(12) - 4));
        }
        return FIELDS.get(random.nextInt(FIELDS.size()));
    }

    private String lineEnd() {
        return switch (random.nextInt(6)) {
            case 0 -> "\r\n";
            case 1 -> "\r";
            default -> "\n";
        };
    }
}
