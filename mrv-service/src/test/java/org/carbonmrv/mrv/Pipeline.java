package org.carbonmrv.mrv;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.carbonmrv.devstack.SampleCorpus;
import org.carbonmrv.devstack.TestPlants;
import org.carbonmrv.mrv.queue.RecomputeWorker;
import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.path.json.JsonPath;

/** Drives the real pipeline: uploads through ingest-service, waits for qaqc-service's grading, recomputes. */
public final class Pipeline {

    private static boolean corpusLoaded;

    private Pipeline() {
    }

    public static String qaqcUrl() {
        return ConfigProvider.getConfig().getValue("pipeline.qaqc-url", String.class);
    }

    /** The sample corpus uploaded, graded and computed (once per test JVM). */
    public static synchronized void loadCorpus(RecomputeWorker worker) {
        if (!corpusLoaded) {
            SampleCorpus.uploadAll();
            settle(worker);
            corpusLoaded = true;
        }
    }

    /** Waits until qaqc has graded every upload event, then drains mrv's queue. */
    public static int settle(RecomputeWorker worker) {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (true) {
            JsonPath health = given().baseUri(qaqcUrl()).port(-1).get("/q/health/ready").then().extract()
                    .jsonPath();
            List<Map<String, Object>> checks = health.getList("checks");
            Map<?, ?> data = checks.stream().filter(c -> "grading queue".equals(c.get("name")))
                    .map(c -> (Map<?, ?>) c.get("data")).findFirst().orElseThrow();
            if (((Number) data.get("pending")).longValue() == 0
                    && ((Number) data.get("unclaimed_events")).longValue() == 0) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("qaqc-service still grading: " + data);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return worker.drain();
    }

    /**
     * The corpus' lab rows of one plant between two days (inclusive) as another plant's: the plant id and the unique
     * ids renamed, every value as it is.
     */
    public static Path labAs(String from, String to, LocalDate first, LocalDate last) throws IOException {
        List<String> lines = Files.readAllLines(SampleCorpus.samples().resolve("lab/IC_calcium.csv"));
        List<String> names = List.of(lines.get(0).split(","));
        int plant = names.indexOf("plant_id");
        int date = names.indexOf("date");
        List<String> out = new ArrayList<>(List.of(lines.get(0)));
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            LocalDate day = LocalDate.parse(cells[date]);
            if (cells[plant].equals(from) && !day.isBefore(first) && !day.isAfter(last)) {
                out.add(line.replace(from, to));
            }
        }
        Path file = Files.createTempDirectory("lab").resolve("IC_calcium-" + to + ".csv");
        Files.write(file, out);
        return file;
    }

    /**
     * PLANT_A's July operations workbook written again by POI (new bytes, so not a repeat of the corpus' upload),
     * for {@code plant} (the file does not name its plant: the upload does).
     */
    public static Path julyOpsAs(String plant) throws IOException {
        Path source = SampleCorpus.samples().resolve("ops/PLANT_A-OPS DATA-JUL24.xlsx");
        Path out = Files.createTempDirectory("ops").resolve(plant + "-OPS DATA-JUL24.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(source)); var os = Files.newOutputStream(out)) {
            wb.write(os);
        }
        return out;
    }

    /**
     * A plant of the calling test's own, so that what it changes no other test reads: registered, with PLANT_A's
     * July operations and its lab rows between two days, uploaded, graded and computed.
     */
    public static void plantFromCorpus(RecomputeWorker worker, String plant, LocalDate first, LocalDate last)
            throws IOException {
        TestPlants.registerAt(SampleCorpus.ingestUrl(), plant);
        SampleCorpus.upload(julyOpsAs(plant).toFile(), plant);
        SampleCorpus.upload(labAs("PLANT_A", plant, first, last).toFile(), null);
        settle(worker);
    }

    public static JsonPath json(String url) {
        return given().get(url).then().statusCode(200).extract().jsonPath(SampleCorpus.DOUBLES);
    }
}
