package org.carbonmrv.ingest.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An uploaded file on disk while it is being received: one thread appends the bytes as they arrive (hashing and
 * counting them), others read it from the start, waiting at its current end until more arrives. This lets a CSV be
 * parsed and copied into PostgreSQL while the rest of it is still on the wire, instead of after.
 */
public final class ReceivedFile implements AutoCloseable {

    /** Size and SHA-256 of the complete file. */
    public record Receipt(long size, String sha256) {
    }

    /** What readers get when the rest of the file does not arrive before their deadline. */
    public static final class TooSlowException extends IOException {
        TooSlowException() {
            super("the file did not arrive in time to be parsed while it was received");
        }
    }

    /** What readers get once the file is larger than the limit: there is no point parsing it further. */
    public static final class TooLargeException extends IOException {
        TooLargeException(long limit) {
            super("the file is larger than " + limit + " bytes");
        }
    }

    /** A deadline that never comes (System.nanoTime values may be negative: no arithmetic on this one). */
    public static final long NO_DEADLINE = Long.MAX_VALUE;

    private final Path path;
    private final long limit;
    private final FileChannel out;
    private final MessageDigest digest;
    private long size;
    private Receipt receipt;
    private IOException failure;

    private ReceivedFile(Path path, long limit) throws IOException {
        this.path = path;
        this.limit = limit;
        this.out = FileChannel.open(path, StandardOpenOption.WRITE);
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new, empty file in {@code dir}; readers stop with {@link TooLargeException} beyond {@code limit} bytes. */
    public static ReceivedFile create(Path dir, long limit) throws IOException {
        Files.createDirectories(dir);
        return new ReceivedFile(Files.createTempFile(dir, "upload-", ".part"), limit);
    }

    public Path path() {
        return path;
    }

    /** Where the receiving thread writes the bytes, in order. */
    public OutputStream appender() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer buf = ByteBuffer.wrap(b, off, len);
                while (buf.hasRemaining()) {
                    out.write(buf);
                }
                digest.update(b, off, len);
                synchronized (ReceivedFile.this) {
                    size += len;
                    ReceivedFile.this.notifyAll();
                }
            }
        };
    }

    /** All bytes are in. */
    public synchronized void complete() throws IOException {
        out.close();
        receipt = new Receipt(size, HexFormat.of().formatHex(digest.digest()));
        notifyAll();
    }

    /** The request ended before the file did (malformed body, client gone): readers get {@code cause}. */
    public synchronized void fail(IOException cause) {
        failure = cause;
        notifyAll();
    }

    public synchronized boolean isComplete() {
        return receipt != null;
    }

    /** Waits for the whole file. */
    public Receipt awaitComplete() throws IOException {
        return awaitComplete(NO_DEADLINE);
    }

    /** Waits for the whole file, at most until {@code deadline} ({@link System#nanoTime}). */
    public synchronized Receipt awaitComplete(long deadline) throws IOException {
        while (receipt == null && failure == null) {
            awaitUntil(deadline);
        }
        if (failure != null) {
            throw new IOException("the upload was not received completely: " + failure.getMessage(), failure);
        }
        return receipt;
    }

    /**
     * Waits until more than {@code position} bytes are there, at most until {@code deadline} ({@link System#nanoTime});
     * returns how many, or -1 at the end of the file.
     */
    private synchronized long awaitBeyond(long position, long deadline) throws IOException {
        while (size <= position && receipt == null && failure == null) {
            awaitUntil(deadline);
        }
        if (failure != null) {
            throw new IOException("the upload was not received completely: " + failure.getMessage(), failure);
        }
        if (size > limit) {
            throw new TooLargeException(limit);
        }
        return size > position ? size : -1;
    }

    /** Waits for news from the receiving thread; past {@code deadline}, throws {@link TooSlowException}. */
    private void awaitUntil(long deadline) throws IOException {
        long left = deadline == NO_DEADLINE ? 0 : deadline - System.nanoTime();
        if (deadline != NO_DEADLINE && left <= 0) {
            throw new TooSlowException();
        }
        try {
            wait(deadline == NO_DEADLINE ? 0 : Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while receiving the upload");
        }
    }

    /** Reads the file from its start, following it as it grows (waiting for bytes as long as it takes). */
    public InputStream open() throws IOException {
        return open(NO_DEADLINE);
    }

    /**
     * Reads the file from its start, following it as it grows; waiting for bytes beyond {@code deadline}
     * ({@link System#nanoTime}) throws {@link TooSlowException}.
     */
    public InputStream open(long deadline) throws IOException {
        FileChannel in = FileChannel.open(path, StandardOpenOption.READ);
        return new InputStream() {
            private long position;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                long end = awaitBeyond(position, deadline);
                if (end < 0) {
                    return -1;
                }
                int n = in.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - position)), position);
                if (n > 0) {
                    position += n;
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    /** Deletes the file. */
    @Override
    public void close() throws IOException {
        out.close();
        Files.deleteIfExists(path);
    }
}
