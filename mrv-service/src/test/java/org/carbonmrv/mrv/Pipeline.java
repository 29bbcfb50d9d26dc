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
     * PLANT_A's July operations workbook written again by POI with the plant as its title (bytes of its own, so not a
     * repeat of the corpus' or another plant's upload), for {@code plant} (the sheet does not name its plant: the
     * upload does).
     */
    public static Path julyOpsAs(String plant) throws IOException {
        Path source = SampleCorpus.samples().resolve("ops/PLANT_A-OPS DATA-JUL24.xlsx");
        Path out = Files.createTempDirectory("ops").resolve(plant + "-OPS DATA-JUL24.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(source)); var os = Files.newOutputStream(out)) {
            wb.getProperties().getCoreProperties().setTitle(plant); // each plant's file its own bytes
            wb.write(os);
        }
        return out;
    }

    /**
     * PLANT_A's three operations exports (July .xlsx, August and September .xls) written again by POI, for
     * {@code plant}: its quarter of operations.
     */
    public static List<Path> quarterOpsAs(String plant) throws IOException {
        List<Path> out = new ArrayList<>(List.of(julyOpsAs(plant)));
        for (String month : List.of("AUG24", "SEPT24")) {
            Path source = SampleCorpus.samples().resolve("ops/PLANT_A-OPS DATA-" + month + ".xls");
            Path copy = Files.createTempDirectory("ops").resolve(plant + "-OPS DATA-" + month + ".xls");
            try (var wb = new org.apache.poi.hssf.usermodel.HSSFWorkbook(Files.newInputStream(source));
                    var os = Files.newOutputStream(copy)) {
                wb.createInformationProperties();
                wb.getSummaryInformation().setTitle(plant); // each plant's file its own bytes
                wb.write(os);
            }
            out.add(copy);
        }
        return out;
    }

    /** A plant of the calling test's own with PLANT_A's whole quarter (its three exports and all its lab rows). */
    public static void quarterFromCorpus(RecomputeWorker worker, String plant) throws IOException {
        TestPlants.registerAt(SampleCorpus.ingestUrl(), plant);
        for (Path ops : quarterOpsAs(plant)) {
            SampleCorpus.upload(ops.toFile(), plant);
        }
        SampleCorpus.upload(labAs("PLANT_A", plant, LocalDate.parse("2024-07-01"), LocalDate.parse("2024-09-30"))
                .toFile(), null);
        settle(worker);
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
