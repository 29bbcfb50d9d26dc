package org.carbonmrv.ingest.parse;

import java.io.IOException;
import java.io.InputStream;

/** What the bytes are, from their first bytes: never from the file name or the declared content type. */
public enum FileFormat {
    /** Office Open XML workbook (a zip). */
    XLSX,
    /** Legacy binary workbook (an OLE2 compound document). */
    XLS,
    /** Anything else: read as UTF-8 text. */
    TEXT,
    /** Zero bytes. */
    EMPTY;

    private static final byte[] ZIP = {0x50, 0x4B, 0x03, 0x04};
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
            (byte) 0xE1};

    public static FileFormat sniff(Source file) throws IOException {
        byte[] head = new byte[8];
        int n;
        try (InputStream in = file.open()) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n == 0) {
            return EMPTY;
        }
        if (startsWith(head, n, ZIP)) {
            return XLSX;
        }
        if (startsWith(head, n, OLE2)) {
            return XLS;
        }
        return TEXT;
    }

    private static boolean startsWith(byte[] head, int n, byte[] magic) {
        if (n < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    public boolean isWorkbook() {
        return this == XLSX || this == XLS;
    }
}
