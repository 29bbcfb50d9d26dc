package org.carbonmrv.mrv.statement;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import jakarta.inject.Inject;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.carbonmrv.devstack.AuditChecks;
import org.carbonmrv.devstack.PipelineTestResource;
import org.carbonmrv.devstack.SampleCorpus;
import org.carbonmrv.devstack.TestTokens;
import org.carbonmrv.mrv.Pipeline;
import org.carbonmrv.mrv.queue.RecomputeWorker;
import org.junit.jupiter.api.Test;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Statements of a plant of this test's own made of the sample corpus' PLANT_A quarter (its three exports and lab
 * rows): refused while a day is not approved, issued once all are, versioned after a revised export and a new
 * approval, and delivered as a report and an evidence package a verifier rechecks: the package's bytes are the same
 * on every download, its raw files are the uploads byte for byte, its workbook's formulas give the statement's
 * numbers, and a statement changed behind the application's back breaks the chain.
 */
@QuarkusTest
@WithTestResource(PipelineTestResource.class)
class StatementTest {

    private static final String PLANT = "PLANT_STATEMENT";
    private static final String FROM = "2024-07-01";
    private static final String TO = "2024-09-30";

    @Inject
    RecomputeWorker worker;

    @Inject
    AgroalDataSource dataSource;

    private static String reviewer() {
        return "Bearer " + TestTokens.withRoles("rhea-reviewer", "reviewer");
    }

    private static io.restassured.response.Response issue(String comment) {
        return given().header("Authorization", reviewer()).contentType(ContentType.JSON).body(Map.of("plant", PLANT,
                "from", FROM, "to", TO, "comment", comment)).post("/api/v1/statements");
    }

    private static void approve(String from, String to, String comment) {
        given().header("Authorization", reviewer()).contentType(ContentType.JSON).body(Map.of("plant", PLANT, "from",
                from, "to", to, "decision", "APPROVED", "comment", comment)).post("/api/v1/approvals").then()
                .statusCode(201);
    }

    /** The expected file's VALID CO₂ of PLANT_A's quarter: the statement's plant has PLANT_A's data. */
    private static double expectedValidTotal() throws IOException {
        double total = 0;
        try (CsvReader<NamedCsvRecord> csv = CsvReader.builder().ofNamedCsvRecord(SampleCorpus.samples()
                .resolve("expected/daily_removals.csv").toFile().exists() ? SampleCorpus.samples().resolve(
                        "expected/daily_removals.csv") : SampleCorpus.samples().resolve("daily_removals.csv"))) {
            for (NamedCsvRecord r : csv) {
                if (r.getField("plant_id").equals("PLANT_A") && r.getField("flag").equals("VALID")) {
                    total += Double.parseDouble(r.getField("co2_t"));
                }
            }
        }
        return total;
    }

    @Test
    void aStatementFromRefusalToItsSecondVersion() throws Exception {
        Pipeline.quarterFromCorpus(worker, PLANT);

        // not approved: refused with every day named
        issue("Q3").then().statusCode(409).contentType("application/problem+json")
                .body("days_unreviewed.size()", equalTo(92)).body("days_without_figure.size()", equalTo(0));
        approve(FROM, "2024-08-31", "July and August checked");
        issue("Q3").then().statusCode(409).body("days_unreviewed.size()", equalTo(30))
                .body("days_unreviewed[0]", equalTo("2024-09-01"));
        approve("2024-09-01", TO, "September checked");

        // issued: version 1, its totals those of the expected file
        JsonPath v1 = issue("Q3 for the registry").then().statusCode(201).extract().jsonPath(SampleCorpus.DOUBLES);
        long id1 = v1.getLong("id");
        assertEquals(1, v1.getInt("version"));
        assertEquals(expectedValidTotal(), v1.getDouble("valid_co2_t"), 1e-9);
        assertEquals(74, v1.getInt("valid_days"));
        assertEquals(92, v1.getList("document.days").size());
        assertEquals(v1.getDouble("valid_co2_t") - 1.645 * v1.getDouble("u_valid_co2_t"),
                v1.getDouble("conservative_co2_t"), 1e-9);
        assertEquals("rhea-reviewer", v1.getString("issued_by"));
        assertEquals(List.of("July and August checked", "September checked"),
                v1.getList("document.approvals.comment"));
        monteCarloAgreesWithTheFirstOrderTotal(v1);
        uploadsAreNamedWithTheirIngestHashes(v1);
        // nothing changed: the same statement
        issue("again").then().statusCode(200).body("id", equalTo((int) id1)).body("version", equalTo(1));

        evidenceIsReproducibleAndRecomputable(id1, v1);
        reportsRender(id1, v1);

        // a revised July export changes 2024-07-03's flow: the approved day waits, the statement is refused
        SampleCorpus.upload(revisedJuly(PLANT, "2024-07-03", "29.1", "31.5").toFile(), PLANT);
        Pipeline.settle(worker);
        issue("Q3 revised").then().statusCode(409).body("days_changed_after_approval", equalTo(List.of(
                "2024-07-03")));
        approve("2024-07-03", "2024-07-03", "revised flow accepted");
        JsonPath v2 = issue("Q3 revised").then().statusCode(201).extract().jsonPath(SampleCorpus.DOUBLES);
        assertEquals(2, v2.getInt("version"));
        assertEquals(id1, v2.getLong("previous_id"));
        List<Map<String, Object>> changed = v2.getList("document.changes.days");
        assertEquals(1, changed.size(), changed.toString());
        assertEquals("2024-07-03", changed.get(0).get("day"));
        // 2024-07-03 worked by hand: Δ = 43.5945545 − 35.154322 = 8.4402325 mg/L; F = 3785.41 × 1000 × 10⁻⁹ ×
        // 44.0095 / 40.078; CO₂ = Δ·Q·F: 29.1 MGD → 1.020941171, 31.5 MGD → 1.105144102
        double f = 3785.41 * 1000 * 1e-9 * 44.0095 / 40.078;
        assertEquals(1.020941171, ((Number) changed.get(0).get("before_co2_t")).doubleValue(), 1e-9);
        assertEquals(8.4402325 * 31.5 * f, ((Number) changed.get(0).get("after_co2_t")).doubleValue(), 1e-9);
        assertEquals(v1.getDouble("valid_co2_t") + 8.4402325 * (31.5 - 29.1) * f, v2.getDouble("valid_co2_t"), 1e-9);
        assertEquals(v1.getDouble("conservative_co2_t"), v2.getDouble("document.changes.totals_before"
                + ".conservative_co2_t"), 1e-12);
        // version 1 stays as it was; the two compare as they differ
        given().get("/api/v1/statements/" + id1).then().statusCode(200).body("version", equalTo(1))
                .body("valid_co2_t", equalTo((float) v1.getDouble("valid_co2_t")));
        given().get("/api/v1/statements/" + id1 + "/compare/" + v2.getLong("id")).then().statusCode(200)
                .body("days.day", equalTo(List.of("2024-07-03")));
        assertTrue(given().queryParam("plant", PLANT).get("/api/v1/statements").then().statusCode(200).extract()
                .jsonPath().getList("id").size() == 2);

        chainsBreakWhenAStatementIsChanged(v2.getLong("chain_seq"));
    }

    private static void monteCarloAgreesWithTheFirstOrderTotal(JsonPath s) {
        double mean = s.getDouble("document.monte_carlo.mean_co2_t");
        double se = s.getDouble("document.monte_carlo.standard_error_of_mean_co2_t");
        double sd = s.getDouble("document.monte_carlo.standard_deviation_co2_t");
        assertTrue(Math.abs(mean - s.getDouble("valid_co2_t")) <= se, "mean " + mean + " ± " + se + " vs "
                + s.getDouble("valid_co2_t"));
        assertEquals(s.getDouble("u_valid_co2_t"), sd, 0.03 * sd, "the draws' spread is the first-order u");
        assertEquals(3, s.getList("document.sensitivity.classes").size());
        assertTrue(s.getBoolean("document.sensitivity.classes.find { it.input == 'FLOW' }.influential"));
        // flow enters linearly: ±20 % moves the total by ±20 %
        assertEquals(0.2, s.getDouble("document.sensitivity.classes.find { it.input == 'FLOW' }.plus_change"), 1e-9);
    }

    private static void uploadsAreNamedWithTheirIngestHashes(JsonPath s) {
        List<Map<String, Object>> uploads = s.getList("document.uploads");
        assertEquals(4, uploads.size(), "three exports and the lab file: " + uploads);
        for (Map<String, Object> u : uploads) {
            given().baseUri(SampleCorpus.ingestUrl()).port(-1).get("/api/v1/uploads/" + u.get("upload_id")).then()
                    .statusCode(200).body("sha256", equalTo(u.get("sha256")));
        }
    }

    private void evidenceIsReproducibleAndRecomputable(long id, JsonPath s) throws Exception {
        byte[] first = given().get("/api/v1/statements/" + id + "/evidence.zip").then().statusCode(200)
                .contentType("application/zip").extract().asByteArray();
        byte[] second = given().get("/api/v1/statements/" + id + "/evidence.zip").then().statusCode(200).extract()
                .asByteArray();
        assertArrayEquals(first, second, "the same bytes on every download");
        assertEquals(s.getString("evidence_sha256"), sha256(first), "the statement's evidence hash is the package's");
        Map<String, byte[]> entries = unzip(first);
        assertEquals(List.of("README.txt", "manifest.json", "statement.json", "figures.csv", "inputs.csv",
                "methodology.json", "approvals.json", "workbook/recompute.xlsx"), entries.keySet().stream()
                        .filter(n -> !n.startsWith("raw/")).toList());
        assertEquals(s.getString("document_sha256"), sha256(entries.get("statement.json")));
        JsonPath manifest = new JsonPath(new String(entries.get("manifest.json"), "UTF-8")).using(SampleCorpus.DOUBLES);
        List<Map<String, Object>> files = manifest.getList("files");
        int raw = 0;
        for (Map<String, Object> f : files) {
            byte[] bytes = entries.get((String) f.get("path"));
            assertNotNull(bytes, f.toString());
            assertEquals(f.get("sha256"), sha256(bytes), f.get("path") + ": its bytes hash as the manifest says");
            assertEquals(((Number) f.get("size_bytes")).longValue(), bytes.length);
            if (f.get("upload_id") != null) {
                raw++;
                given().baseUri(SampleCorpus.ingestUrl()).port(-1).get("/api/v1/uploads/" + f.get("upload_id"))
                        .then().body("sha256", equalTo(f.get("sha256")));
            }
        }
        assertEquals(4, raw);
        workbookRecomputesTheStatement(entries.get("workbook/recompute.xlsx"), s);
        assertTrue(new String(entries.get("README.txt"), "UTF-8").contains("conservative"));
    }

    /** POI's formula evaluator, on the workbook as a spreadsheet would recalculate it. */
    private static void workbookRecomputesTheStatement(byte[] xlsx, JsonPath s) throws IOException {
        try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            var evaluator = wb.getCreationHelper().createFormulaEvaluator();
            evaluator.clearAllCachedResultValues();
            Sheet totals = wb.getSheet("totals");
            assertEquals(s.getDouble("valid_co2_t"), evaluator.evaluate(totals.getRow(1).getCell(1)).getNumberValue(),
                    1e-9);
            assertEquals(s.getDouble("u_valid_co2_t"), evaluator.evaluate(totals.getRow(2).getCell(1))
                    .getNumberValue(), 1e-9);
            assertEquals(s.getDouble("conservative_co2_t"), evaluator.evaluate(totals.getRow(3).getCell(1))
                    .getNumberValue(), 1e-9);
            Sheet days = wb.getSheet("days");
            int computed = 0;
            for (int r = 1; r <= days.getLastRowNum(); r++) {
                Row row = days.getRow(r);
                Cell co2 = row.getCell(11);
                if (co2 == null) {
                    continue;
                }
                assertEquals(row.getCell(20).getNumericCellValue(), evaluator.evaluate(co2).getNumberValue(), 1e-9,
                        "day row " + r);
                assertEquals(row.getCell(21).getNumericCellValue(), evaluator.evaluate(row.getCell(18))
                        .getNumberValue(), 1e-9, "u of day row " + r);
                computed++;
            }
            assertTrue(computed >= 74, computed + " days computed by formula");
        }
    }

    private static void reportsRender(long id, JsonPath s) throws IOException {
        String credited = String.format(java.util.Locale.ROOT, "%,.3f", s.getDouble("conservative_co2_t"));
        given().get("/api/v1/statements/" + id + "/report").then().statusCode(200).contentType(containsString(
                "text/html")).body(containsString(credited)).body(containsString("Sensitivity"));
        byte[] pdf = given().get("/api/v1/statements/" + id + "/report.pdf").then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            assertTrue(text.contains(credited), "the PDF names the credited figure " + credited);
            assertTrue(text.contains(PLANT));
        }
    }

    private void chainsBreakWhenAStatementIsChanged(long seq) throws Exception {
        JsonPath ok = given().get("/api/v1/audit/verify").then().statusCode(200).extract().jsonPath(SampleCorpus.DOUBLES);
        assertTrue(ok.getBoolean("intact"), ok.prettify());
        assertThat("mrv.statement", ok);
        try (var c = dataSource.getConnection(); var st = c.createStatement()) {
            st.execute("set session_replication_role = replica");
            st.executeUpdate("update mrv.statement set document = replace(document, 'Q3 revised', 'Q3 altered') "
                    + "where chain_seq = " + seq);
            try {
                JsonPath broken = given().get("/api/v1/audit/verify").then().statusCode(200).extract().jsonPath(SampleCorpus.DOUBLES);
                assertFalse(broken.getBoolean("intact"));
                assertEquals(seq, broken.getLong("chains.find { it.chain == 'mrv.statement' }.first_broken_seq"));
            } finally {
                st.executeUpdate("update mrv.statement set document = replace(document, 'Q3 altered', 'Q3 revised') "
                        + "where chain_seq = " + seq);
                st.execute("set session_replication_role = origin");
            }
        }
        assertTrue(given().get("/api/v1/audit/verify").then().extract().jsonPath(SampleCorpus.DOUBLES).getBoolean("intact"));
        AuditChecks.appendOnly(dataSource, "mrv");
    }

    private static void assertThat(String chain, JsonPath verification) {
        assertTrue(verification.getList("chains.chain").contains(chain), verification.prettify());
    }

    /** PLANT_A's July export for {@code plant} with one day's effluent flow changed (the file states text). */
    static Path revisedJuly(String plant, String day, String oldFlow, String newFlow) throws IOException {
        Path source = SampleCorpus.samples().resolve("ops/PLANT_A-OPS DATA-JUL24.xlsx");
        Path out = Files.createTempDirectory("revised").resolve(plant + "-OPS DATA-JUL24-rev.xlsx");
        DataFormatter text = new DataFormatter();
        LocalDate wanted = LocalDate.parse(day);
        boolean changed = false;
        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(source))) {
            for (Row row : wb.getSheet("OPERATOR DATA")) {
                Cell a = row.getCell(0);
                if (a == null || !isDay(text.formatCellValue(a), wanted)) {
                    continue;
                }
                for (Cell c : row) {
                    if (text.formatCellValue(c).equals(oldFlow)) {
                        c.setCellValue(newFlow);
                        changed = true;
                        break;
                    }
                }
            }
            assertTrue(changed, oldFlow + " on " + day + " not found");
            try (var os = Files.newOutputStream(out)) {
                wb.write(os);
            }
        }
        return out;
    }

    private static boolean isDay(String text, LocalDate day) {
        for (String pattern : List.of("M/d/yyyy", "M/d/yy", "yyyy-MM-dd")) {
            try {
                if (LocalDate.parse(text.strip(), java.time.format.DateTimeFormatter.ofPattern(pattern)).equals(day)) {
                    return true;
                }
            } catch (java.time.format.DateTimeParseException e) {
                // another pattern
            }
        }
        return false;
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> out = new java.util.LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

}
