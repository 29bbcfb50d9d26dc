package org.carbonmrv.mrv.rest;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.carbonmrv.common.http.ChunkedBody;
import org.carbonmrv.common.http.KeptAnswer;

import io.quarkus.qute.TemplateInstance;

/** An HTML answer of a rendered template. */
final class HtmlPage {

    private static final MediaType TYPE = MediaType.TEXT_HTML_TYPE.withCharset("UTF-8");

    private HtmlPage() {
    }

    /**
     * The page rendered part by part into 32 KB chunks: a plant-year's dashboard view is 400 KB of text, which as one
     * string and one array of its bytes would be two humongous allocations for G1 at each request.
     */
    static Response.ResponseBuilder of(TemplateInstance t) {
        return Response.ok(body(t).entity(), TYPE);
    }

    /** The page rendered, to be kept and served again. */
    static KeptAnswer kept(TemplateInstance t) {
        return new KeptAnswer(body(t), TYPE);
    }

    private static ChunkedBody body(TemplateInstance t) {
        ChunkedBody body = new ChunkedBody();
        try (Writer out = new OutputStreamWriter(body, StandardCharsets.UTF_8)) {
            t.consume(part -> write(out, part)).toCompletableFuture().join();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return body;
    }

    private static void write(Writer out, String part) {
        try {
            out.write(part);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
