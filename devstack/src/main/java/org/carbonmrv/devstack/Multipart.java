package org.carbonmrv.devstack;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A multipart/form-data request body for the upload API, built part by part in the order the parts are added. */
public final class Multipart {

    private final String boundary;
    private final ByteArrayOutputStream parts = new ByteArrayOutputStream();

    public Multipart(String boundary) {
        this.boundary = boundary;
    }

    /** The Content-Type header that names this body's boundary. */
    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** A form field such as {@code plant} or {@code kind}. */
    public Multipart field(String name, String value) {
        write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
        return this;
    }

    /** A {@code file} part. */
    public Multipart file(String fileName, String contentType, byte[] content) {
        write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n");
        parts.writeBytes(content);
        write("\r\n");
        return this;
    }

    /** A {@code file} part of text, sent as UTF-8. */
    public Multipart file(String fileName, String contentType, String content) {
        return file(fileName, contentType, content.getBytes(StandardCharsets.UTF_8));
    }

    /** The parts so far, closed by the final boundary; the builder stays open for more parts. */
    public byte[] bytes() {
        ByteArrayOutputStream whole = new ByteArrayOutputStream(parts.size() + boundary.length() + 6);
        whole.writeBytes(parts.toByteArray());
        whole.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return whole.toByteArray();
    }

    private void write(String text) {
        parts.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
