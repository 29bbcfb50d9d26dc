package org.carbonmrv.common.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An answer kept in memory to be served again (JSON, HTML): its bytes in chunks, and their gzip form, made the
 * second time the answer goes to a client that accepts gzip, so that an answer served once never pays for it and
 * one served many times sends a fraction of its bytes (a plant-day of readings: 570 KB of JSON).
 */
public final class KeptAnswer {

    private static final int GZIP_FROM_BYTES = 2048;

    private final ChunkedBody body;
    private final MediaType type;
    private final AtomicInteger gzipRequests = new AtomicInteger();
    private volatile byte[] gzip;

    public KeptAnswer(ChunkedBody body, MediaType type) {
        this.body = body;
        this.type = type;
    }

    /** {@code value} as the application's object mapper writes it. */
    public static KeptAnswer json(ObjectMapper mapper, Object value) {
        ChunkedBody body = new ChunkedBody();
        try {
            mapper.writeValue(body, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new KeptAnswer(body, MediaType.APPLICATION_JSON_TYPE);
    }

    /** The answer, gzipped when the request accepts it and the answer has been asked for before. */
    public Response toResponse(HttpHeaders headers) {
        return response(headers).build();
    }

    /** {@link #toResponse}, for a caller that adds headers of its own. */
    public Response.ResponseBuilder response(HttpHeaders headers) {
        String accepts = headers.getHeaderString(HttpHeaders.ACCEPT_ENCODING);
        byte[] zipped = accepts != null && accepts.contains("gzip") ? gzipWhenAskedAgain() : null;
        return Response.ok(zipped != null ? zipped : body.entity(), type).header(HttpHeaders.VARY,
                HttpHeaders.ACCEPT_ENCODING).header(HttpHeaders.CONTENT_ENCODING, zipped != null ? "gzip" : null);
    }

    /**
     * What it holds, counted once for all when it is kept: its bytes and a quarter of them for the gzip form (JSON
     * and HTML compress to a tenth to a fifth).
     */
    public long size() {
        return body.size() + body.size() / 4;
    }

    private byte[] gzipWhenAskedAgain() {
        byte[] z = gzip;
        if (z == null && body.size() >= GZIP_FROM_BYTES && gzipRequests.getAndIncrement() > 0) {
            z = compress(body);
            gzip = z; // two requests may both compress; either result is the same bytes
        }
        return z;
    }

    private static byte[] compress(ChunkedBody body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE, body.size() / 5));
        try (GZIPOutputStream z = new GZIPOutputStream(out, 32 * 1024) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            body.entity().write(z);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
