package org.carbonmrv.ingest.parse;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.carbonmrv.ingest.BadFiles;
import org.carbonmrv.ingest.RegisteredPlants;
import org.carbonmrv.ingest.layout.LayoutProfile;
import org.carbonmrv.ingest.layout.LayoutService;
import org.carbonmrv.ingest.plant.PlantService;
import org.carbonmrv.devstack.EmbeddedPostgresTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Properties of the parsers over inputs no sample has: for random and mutated CSV, .xlsx and .xls bytes, a parse ends
 * in records or in a refusal with a reason, never in an exception, and leaves the file it read as it was; an upload of such bytes is answered 201, 200
 * or 422 with a reason, never 5xx. Cases come from a seeded generator ({@link Mutations}): {@code -Dfuzz.seed=…}
 * replays a run, {@code -Dfuzz.cases=…} scales every property (1 in CI; README "Tests" gives a longer run). A failing
 * case's bytes are written under {@code target/fuzz-failures}.
 *
 * <p>jqwik, the project's choice for properties, runs as a JUnit Platform 1.x engine only; Quarkus 3.34's test
 * framework is on JUnit 6, so these properties draw their cases themselves.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresTestResource.class)
class ParserRobustnessTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20_261_202L);
    private static final int SCALE = Integer.getInteger("fuzz.cases", 1);
    private static final String FUZZ_PLANT = "PLANT_FUZZ";

    @Inject
    CsvRecordParser csv;

    @Inject
    WorkbookOpsParser workbooks;

    @Inject
    LayoutService layouts;

    @Inject
    PlantService plants;

    @BeforeEach
    void registerPlants() {
        RegisteredPlants.ensure();
    }

    @Test
    void csvParsesToRecordsOrARefusalWithAReason() throws IOException {
        Mutations m = new Mutations(SEED);
        for (String layout : List.of("lab-calcium", "sensor-ph")) {
            LayoutProfile p = layouts.current(layout).orElseThrow();
            byte[] sample = BadFiles.sample(layout.startsWith("lab") ? "lab/IC_calcium.csv"
                    : "sensors/PH0101_PH_2024.csv");
            byte[] head = java.util.Arrays.copyOf(sample, Math.min(sample.length, 20_000));
            List<String> header = csv.header(() -> new java.io.ByteArrayInputStream(sample)).fields();
            property(layout + " csv", 300 * SCALE, i -> i % 2 == 0 ? m.csv(header) : m.mutate(head),
                    bytes -> parseCsv(bytes, p));
        }
    }

    @Test
    void workbooksParseToRecordsOrARefusalWithAReason() throws IOException {
        Mutations m = new Mutations(SEED + 1);
        record Case(String file, String layout, String plant) {
        }
        for (Case c : List.of(new Case("ops/PLANT_B-MPOR_Sample_06212024to07122024.xlsx", "ops-mpor", null),
                new Case("ops/PLANT_A-OPS DATA-JUL24.xlsx", "ops-operator-daily", "PLANT_A"),
                new Case("ops/PLANT_A-OPS DATA-AUG24.xls", "ops-operator-daily", "PLANT_A"))) {
            LayoutProfile p = layouts.current(c.layout()).orElseThrow();
            byte[] sample = BadFiles.sample(c.file());
            property(c.file(), 40 * SCALE, i -> m.mutate(sample), bytes -> parseWorkbook(bytes, p, c.plant()));
        }
    }

    /**
     * A truncated .xlsx (a case the workbook property found) whose package opens and then fails to load: the
     * streaming reader closes such a package by saving it over the file it read.
     */
    @Test
    void aWorkbookThatFailsToLoadIsLeftAsItWas() throws IOException {
        byte[] bytes = BadFiles.sample("bad/saved-over-on-close.xlsx");
        assertFalse(parseWorkbook(bytes, layouts.current("ops-mpor").orElseThrow(), null) != null,
                "parsed or refused, and the file left as it was");
    }

    /**
     * Uploads of mutated corpus files, for a plant of this test's own (the lab and sensor files' plant renamed, the
     * workbooks named by the upload), so that what is accepted changes nothing another test reads.
     */
    @Test
    void uploadsOfMutatedFilesAreAcceptedOrRefusedWithAReasonNeverA5xx() throws IOException {
        org.carbonmrv.devstack.TestPlants.register(FUZZ_PLANT);
        Mutations m = new Mutations(SEED + 2);
        for (String file : List.of("lab/IC_calcium.csv", "sensors/PH0102_PH_2024.csv",
                "ops/PLANT_A-OPS DATA-JUL24.xlsx", "ops/PLANT_A-OPS DATA-SEPT24.xls")) {
            byte[] sample = BadFiles.sample(file);
            boolean text = file.endsWith(".csv");
            byte[] own = text ? new String(java.util.Arrays.copyOf(sample, Math.min(sample.length, 40_000)),
                    java.nio.charset.StandardCharsets.UTF_8).replace("PLANT_A", FUZZ_PLANT).replace("PLANT_B",
                            FUZZ_PLANT).getBytes(java.nio.charset.StandardCharsets.UTF_8) : sample;
            String plant = text ? null : FUZZ_PLANT;
            String name = Path.of(file).getFileName().toString();
            property("upload of " + file, 12 * SCALE, i -> m.mutate(own), bytes -> upload(name, bytes, plant));
        }
    }

    /** Runs {@code cases} cases; each problem found is listed with its case number and its bytes kept. */
    private static void property(String what, int cases, Function<Integer, byte[]> input,
            Function<byte[], String> problem) throws IOException {
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            byte[] bytes = input.apply(i);
            String p;
            try {
                p = problem.apply(bytes);
            } catch (RuntimeException | StackOverflowError e) {
                p = "threw " + e;
            }
            if (p != null) {
                Path dir = Files.createDirectories(Path.of("target", "fuzz-failures"));
                Path kept = Files.write(dir.resolve(what.replaceAll("[^A-Za-z0-9.-]", "_") + "-" + SEED + "-" + i),
                        bytes);
                failures.add("case " + i + " (" + kept + "): " + p);
            }
        }
        if (!failures.isEmpty()) {
            fail(what + ", seed " + SEED + ": " + failures.size() + " of " + cases + " cases failed:\n"
                    + String.join("\n", failures.subList(0, Math.min(10, failures.size()))));
        }
    }

    /** @return null when the parse ended in records or a refusal with a reason; else what went wrong */
    private String parseCsv(byte[] bytes, LayoutProfile p) {
        ParseContext ctx = new ParseContext(p, null, plants.snapshot());
        return check(csv.parse(() -> new java.io.ByteArrayInputStream(bytes), ctx, new CountingSink(),
                new ParseReport(50, 200)));
    }

    private String parseWorkbook(byte[] bytes, LayoutProfile p, String plant) {
        try {
            Path file = Files.createTempFile("fuzz", ".wb");
            try {
                Files.write(file, bytes);
                FileFormat format = FileFormat.sniff(Source.of(file));
                if (!format.isWorkbook()) {
                    return null; // no longer a workbook: the CSV properties cover text
                }
                workbooks.sheetNames(file, format);
                ParseContext ctx = new ParseContext(p, plant, plants.snapshot());
                String problem = check(workbooks.parse(file, format, ctx, new CountingSink(),
                        new ParseReport(50, 200)));
                if (problem == null && !java.util.Arrays.equals(bytes, Files.readAllBytes(file))) {
                    return "the parse changed the file it read (the kept bytes would not be those sent)";
                }
                return problem;
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String check(ParseOutcome o) {
        if (o instanceof ParseOutcome.Refused r && (r.reason() == null || r.reason().isBlank())) {
            return "refused without a reason";
        }
        return o == null ? "no outcome" : null;
    }

    private static String upload(String name, byte[] bytes, String plant) {
        var req = given().multiPart("file", name, bytes);
        if (plant != null) {
            req = req.multiPart("plant", plant);
        }
        Response r = req.post("/api/v1/uploads");
        int s = r.statusCode();
        if (s == 201 || s == 200) {
            return null;
        }
        if (s == 422) {
            String detail = r.jsonPath().getString("detail");
            return detail == null || detail.isBlank() ? "422 without a reason: " + r.asString() : null;
        }
        return "answered " + s + ": " + r.asString();
    }

    /** Counts what a parse would store. */
    private static final class CountingSink implements RecordSink {
        long records;

        @Override
        public void lab(LabRecord r) {
            records++;
        }

        @Override
        public void sensor(SensorRecord r) {
            records++;
        }

        @Override
        public void ops(OpsRecord r) {
            assertFalse(r.values().isEmpty() && r.originals() == null);
            records++;
        }
    }
}
