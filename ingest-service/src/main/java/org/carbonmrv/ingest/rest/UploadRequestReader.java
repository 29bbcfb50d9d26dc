package org.carbonmrv.ingest.rest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.MultipartInput;
import org.apache.commons.fileupload2.core.ParameterParser;

/**
 * Reads a {@code multipart/form-data} request part by part while it arrives (Apache Commons FileUpload's
 * {@link MultipartInput}), so that the file part can be consumed as it streams in rather than after the whole body
 * was written to disk.
 */
final class UploadRequestReader {

    /** One part's name, file name (null for a plain field) and content type. */
    record Part(String name, String fileName, String contentType) {
        boolean isFile() {
            return fileName != null;
        }
    }

    /** What to do with each part; {@link #read} hands over the part's body once. */
    interface Handler {
        void part(Part part, PartBody body) throws IOException;
    }

    /** The body of the current part: read it (to a stream or as a short text) or skip it. */
    interface PartBody {
        void copyTo(OutputStream out) throws IOException;

        /** The body as UTF-8 text; longer than {@code maxBytes} is an error. */
        String text(int maxBytes) throws IOException;
    }

    private UploadRequestReader() {
    }

    /** The boundary of a multipart/form-data content type, or null when there is none. */
    static String boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return null;
        }
        ParameterParser parser = new ParameterParser();
        parser.setLowerCaseNames(true);
        String b = parser.parse(contentType, new char[] {';', ','}).get("boundary");
        return b == null || b.isEmpty() || b.length() > 70 ? null : b;
    }

    /** Reads every part in order; a part the handler does not read is skipped. */
    static void read(InputStream body, String boundary, Handler handler) throws IOException {
        MultipartInput in = MultipartInput.builder().setInputStream(body)
                .setBoundary(boundary.getBytes(StandardCharsets.ISO_8859_1)).setBufferSize(1 << 16).get();
        in.setHeaderCharset(StandardCharsets.UTF_8);
        boolean more = in.skipPreamble();
        while (more) {
            Part part = part(in.readHeaders());
            boolean[] consumed = {false};
            handler.part(part, new PartBody() {
                @Override
                public void copyTo(OutputStream out) throws IOException {
                    consumed[0] = true;
                    in.readBodyData(out);
                }

                @Override
                public String text(int maxBytes) throws IOException {
                    consumed[0] = true;
                    ByteArrayOutputStream buf = new ByteArrayOutputStream();
                    in.readBodyData(new OutputStream() {
                        @Override
                        public void write(int b) throws IOException {
                            write(new byte[] {(byte) b}, 0, 1);
                        }

                        @Override
                        public void write(byte[] b, int off, int len) throws IOException {
                            if (buf.size() + len > maxBytes) {
                                throw new FileUploadException("the '" + part.name() + "' field is longer than "
                                        + maxBytes + " bytes");
                            }
                            buf.write(b, off, len);
                        }
                    });
                    return buf.toString(StandardCharsets.UTF_8);
                }
            });
            if (!consumed[0]) {
                in.discardBodyData();
            }
            more = in.readBoundary();
        }
    }

    private static Part part(String headerBlock) throws FileUploadException {
        Map<String, String> headers = new HashMap<>();
        for (String line : headerBlock.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
        }
        String disposition = headers.get("content-disposition");
        if (disposition == null || !disposition.toLowerCase(Locale.ROOT).startsWith("form-data")) {
            throw new FileUploadException("a part without 'Content-Disposition: form-data'");
        }
        ParameterParser parser = new ParameterParser();
        parser.setLowerCaseNames(true);
        Map<String, String> params = parser.parse(disposition, ';');
        String fileName = params.get("filename");
        String encoded = params.get("filename*"); // RFC 5987: UTF-8''percent-encoded
        if (encoded != null && encoded.toUpperCase(Locale.ROOT).startsWith("UTF-8''")) {
            fileName = URLDecoder.decode(encoded.substring(7).replace("+", "%2B"), StandardCharsets.UTF_8);
        }
        return new Part(params.get("name"), fileName, headers.get("content-type"));
    }
}
