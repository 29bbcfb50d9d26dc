package org.carbonmrv.devstack;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of a service's {@code /q/metrics} (Prometheus text format 0.0.4), parsed by this class rather than by
 * the registry that wrote it: series name and labels to value.
 */
public final class Metrics {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** A series: its name and labels. */
    public record Series(String name, Map<String, String> labels) {
    }

    private final Map<Series, Double> samples;

    private Metrics(Map<Series, Double> samples) {
        this.samples = samples;
    }

    /** @param baseUri the service's base URI; {@code null} for REST Assured's default (the service under test) */
    public static Metrics scrape(String baseUri) {
        var req = given().header("Accept", "text/plain");
        if (baseUri != null) {
            req = req.baseUri(baseUri).port(-1);
        }
        String text = req.get("/q/metrics").then().statusCode(200).extract().asString();
        return parse(text);
    }

    /** Scrapes every half second until the series of this name sum to at least {@code least}, or time runs out. */
    public static Metrics awaitAtLeast(String baseUri, String name, double least, Duration within)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        Metrics metrics = scrape(baseUri);
        while (metrics.sum(name) < least && System.nanoTime() < deadline) {
            Thread.sleep(500);
            metrics = scrape(baseUri);
        }
        return metrics;
    }

    public static Metrics parse(String text) {
        Map<Series, Double> samples = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("not a Prometheus sample: " + line);
            }
            Map<String, String> labels = new TreeMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            samples.put(new Series(m.group(1), labels), Double.parseDouble(m.group(4)));
        }
        return new Metrics(samples);
    }

    /**
     * The sum over the series of this name whose labels include these (label, value, label, value…); 0 when none
     * exists yet (a counter appears with its first increment).
     */
    public double sum(String name, String... labels) {
        double total = 0;
        for (Map.Entry<Series, Double> e : samples.entrySet()) {
            if (e.getKey().name().equals(name) && matches(e.getKey().labels(), labels)) {
                total += e.getValue();
            }
        }
        return total;
    }

    /** Whether any series of this name (with these labels) exists. */
    public boolean has(String name, String... labels) {
        return samples.keySet().stream().anyMatch(s -> s.name().equals(name) && matches(s.labels(), labels));
    }

    private static boolean matches(Map<String, String> have, String... want) {
        for (int i = 0; i + 1 < want.length; i += 2) {
            if (!want[i + 1].equals(have.get(want[i]))) {
                return false;
            }
        }
        return true;
    }
}
