package org.carbonmrv.mrv.statement;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.mrv.removal.RemovalFlag;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * A statement for people: an XHTML page that prints well (its chart is plain boxes, so that it prints and converts
 * as it shows), and the same page as PDF (openhtmltopdf on PDFBox).
 */
@ApplicationScoped
public class StatementReport {

    /** One day of the chart: a bar above (removal) or below (a negative figure) the axis. */
    public record Bar(String day, int abovePx, int belowPx, String flag, String title) {
    }

    @CheckedTemplate(basePath = "statements")
    static class Templates {
        static native TemplateInstance report(Statement s, StatementDocument d, List<Bar> bars, int chartPx);
    }

    private static final int CHART_PX = 120;

    public String html(Statement s, StatementDocument d) {
        return Templates.report(s, d, bars(d), CHART_PX).render();
    }

    public byte[] pdf(Statement s, StatementDocument d) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder b = new PdfRendererBuilder();
            b.useFastMode();
            b.withHtmlContent(html(s, d), null);
            b.toStream(out);
            b.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static List<Bar> bars(StatementDocument d) {
        double max = d.days().stream().filter(x -> x.co2T() != null).mapToDouble(x -> Math.abs(x.co2T())).max()
                .orElse(0);
        return d.days().stream().map(x -> {
            double v = x.co2T() == null ? 0 : x.co2T();
            int px = max == 0 ? 0 : (int) Math.round(Math.abs(v) / max * CHART_PX);
            String title = x.day() + " " + x.flag() + (x.co2T() == null ? "" : " " + String.format(
                    java.util.Locale.ROOT, "%.3f t", v));
            return new Bar(x.day().toString(), v > 0 ? px : 0, v < 0 ? px : 0, x.flag() == RemovalFlag.VALID ? "valid"
                    : "other", title);
        }).toList();
    }
}
