package org.carbonmrv.ingest.upload;

/**
 * A file as received over HTTP, its {@code content} possibly still arriving, with the layout and plant the request
 * names (null when it names none).
 */
public record IncomingFile(ReceivedFile content, String fileName, String contentType, String kind, String plant) {
}
