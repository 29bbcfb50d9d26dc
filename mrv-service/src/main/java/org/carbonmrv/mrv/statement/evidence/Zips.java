package org.carbonmrv.mrv.statement.evidence;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Zip archives that are the same bytes whenever they hold the same files: entries in the order given, each with the
 * same timestamp (1980-01-01 00:00, zip's first day, set as local DOS time so that no zone enters) and no other
 * metadata, deflated at the default level.
 */
public final class Zips {

    static final LocalDateTime EPOCH = LocalDateTime.of(1980, 1, 1, 0, 0);

    private Zips() {
    }

    /** A zip being written to a stream: {@link #add} entries in order, then {@link #finish}. */
    public static final class Writer {
        private final ZipOutputStream zip;

        public Writer(java.io.OutputStream out) {
            this.zip = new ZipOutputStream(out);
        }

        public Writer add(String name, byte[] content) {
            try {
                ZipEntry e = new ZipEntry(name);
                e.setTimeLocal(EPOCH);
                zip.putNextEntry(e);
                zip.write(content);
                zip.closeEntry();
                return this;
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        /** An entry written by {@code body} (large content: streamed, not held whole). */
        public Writer add(String name, Body body) {
            try {
                ZipEntry e = new ZipEntry(name);
                e.setTimeLocal(EPOCH);
                zip.putNextEntry(e);
                body.write(zip);
                zip.closeEntry();
                return this;
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        /** Writes the central directory (the stream stays open). */
        public void finish() {
            try {
                zip.finish();
                zip.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Writes an entry's content. */
    @FunctionalInterface
    public interface Body {
        void write(java.io.OutputStream out) throws IOException;
    }

    /** The same entries, in the same order, rewritten as above (a workbook POI wrote with the time of day). */
    public static byte[] normalized(byte[] zipBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(zipBytes.length);
        Writer w = new Writer(out);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zipBytes))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                w.add(e.getName(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        w.finish();
        return out.toByteArray();
    }
}
