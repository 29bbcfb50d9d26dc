package org.carbonmrv.mrv;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.carbonmrv.devstack.PipelineTestResource;
import org.carbonmrv.devstack.SampleCorpus;
import org.carbonmrv.mrv.queue.RecomputeWorker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The whole pipeline on the sample corpus: files uploaded to the real ingest-service, graded by the real
 * qaqc-service, computed here. Tests run in any order: those that read the corpus' plants change nothing of them;
 * those that change figures (a revised export, approvals and overrides, another replica's commit) do it on a plant of
 * their own, made from the corpus' files. Expected numbers come from the corpus' expected file or are worked by hand
 * from its files' values, every factor written out.
 */
@QuarkusTest
@WithTestResource(PipelineTestResource.class)
class RemovalPipelineTest {

    @Inject
    RecomputeWorker worker;

    @Inject
    io.agroal.api.AgroalDataSource dataSource;

    @Inject
    org.carbonmrv.mrv.cache.Revisions revisions;

    @BeforeEach
    void corpus() {
        Pipeline.loadCorpus(worker);
    }

    private static List<Map<String, Object>> days(String query) {
        return Pipeline.json("/api/v1/removals?size=5000&" + query).getList("items");
    }

    @Test
    void goldenComparisonWithTheExpectedFile() throws IOException {
        // the corpus' plants: other test classes add plants of their own
        List<Map<String, Object>> corpus = new java.util.ArrayList<>(days("plant=PLANT_A"));
        corpus.addAll(days("plant=PLANT_B"));
        GoldenFigures.assertMatch(corpus);
    }

    @Test
    void lineageNamesEveryInput() {
        JsonPath d = Pipeline.json("/api/v1/removals/PLANT_A/2024-07-02");
        assertEquals("VALID", d.getString("flag"));
        assertEquals(1, d.getInt("version"));
        List<Map<String, Object>> inputs = d.getList("inputs");
        Map<String, Object> ops = inputs.stream().filter(i -> "ops".equals(i.get("role"))).findFirst().orElseThrow();
        assertEquals("PLANT_A-OPS DATA-JUL24.xlsx", ops.get("file_name"));
        assertEquals("OPERATOR DATA", ops.get("sheet"));
        assertEquals(30.7, ((Number) ops.get("value")).doubleValue());
        assertEquals(3, ((Number) ops.get("row")).intValue(), "the second day is the third row");
        List<Map<String, Object>> lab = inputs.stream().filter(i -> !"ops".equals(i.get("role"))).toList();
        assertTrue(lab.size() >= 2);
        for (Map<String, Object> l : lab) {
            assertEquals("IC_calcium.csv", l.get("file_name"));
            assertNotNull(l.get("record_id"));
            assertNotNull(l.get("upload_id"));
            assertTrue(((Number) l.get("row")).intValue() > 1);
            assertNotNull(l.get("qaqc_flag"));
        }
        assertEquals(List.of(1.0), d.getList("qaqc_config_versions").stream()
                .map(v -> ((Number) v).doubleValue()).toList());
        assertEquals("ca-co2/2", d.getString("methodology.version"));
        assertEquals(3785.41, d.getDouble("methodology.definition.constants.m3_per_million_gallons"));
        assertNotNull(d.getString("computed_at"));
        assertEquals("grade_events", d.getString("trigger.kind"));
        assertEquals("UNREVIEWED", d.getString("approval.approval_state"));
        // IC_calcium.csv's two upstream readings of the day, 42.280573 and 41.0491, both used: mean 41.6648365
        assertEquals(List.of(42.280573, 41.0491), lab.stream().filter(l -> "ca_upstream".equals(l.get("role")))
                .map(l -> ((Number) l.get("value")).doubleValue()).toList());
        assertTrue(lab.stream().allMatch(l -> (Boolean) l.get("used")));
        assertEquals(41.6648365, d.getDouble("ca_upstream_mg_per_l"), 1e-9);
    }

    @Test
    void uncertaintyFollowsTheDocumentedPropagation() {
        // PLANT_B on 2024-08-14, from the files: effluent flow Q = 7.791 MGD; one upstream reading 68.8652 mg/L with
        // u 0.3925316, one downstream 34.5939 with u 0.1971852 (IC_calcium.csv). Δ = 34.5939 − 68.8652 = −34.2713.
        // F = 3,785.41 m³/MG × 1,000 L/m³ × 10⁻⁹ t/mg × 44.0095 / 40.078 (CO₂ per Ca) = 0.004156744383327512.
        // u_Δ = √(0.3925316² + 0.1971852²) = 0.43927560835721347; u_ca = F·Q·u_Δ = 0.014226026450858712;
        // u_flow = F·|Δ|·Q·0.05 (the default meter) = 0.0554941375106866; u = √(u_ca² + u_flow²) =
        // 0.05728856017247707; CO₂ = F·Δ·Q = −1.1098827502137318; conservative = CO₂ − 1.645·u = −1.2041224316974566.
        JsonPath d = Pipeline.json("/api/v1/removals/PLANT_B/2024-08-14");
        assertEquals("INVALID", d.getString("flag"));
        assertEquals(0.014226026450858712, d.getDouble("u_co2_ca_t"), 1e-12);
        assertEquals(0.0554941375106866, d.getDouble("u_co2_flow_t"), 1e-12);
        assertEquals(0.05728856017247707, d.getDouble("u_co2_t"), 1e-12);
        assertEquals(-1.1098827502137318, d.getDouble("co2_t"), 1e-12);
        assertEquals(-1.2041224316974566, d.getDouble("conservative_co2_t"), 1e-12);
    }

    @Test
    void summaryTotalsTheValidDays() throws IOException {
        double expectedA = 0;
        try (CsvReader<NamedCsvRecord> csv = CsvReader.builder().ofNamedCsvRecord(
                SampleCorpus.samples().resolve("daily_removals.csv"))) {
            for (NamedCsvRecord r : csv) {
                if (r.getField("plant_id").equals("PLANT_A") && r.getField("flag").equals("VALID")) {
                    expectedA += Double.parseDouble(r.getField("co2_t"));
                }
            }
        }
        JsonPath s = Pipeline.json("/api/v1/removals/summary?plant=PLANT_A");
        assertEquals(1, s.getList("$").size());
        assertEquals(expectedA, s.getDouble("[0].valid_co2_t"), 1e-9 * expectedA);
        assertEquals(74, s.getInt("[0].days_by_flag.VALID"), "the expected file's VALID days of PLANT_A");
        // three days worked by hand from IC_calcium.csv: two readings a side each day, one without an uncertainty
        // (3 % of its value, the default); a side's u = √(u₁² + u₂²)/2; u_ca = F·Q·√(u_up² + u_down²), u_flow =
        // F·|Δ|·Q·0.05, F as in uncertaintyFollowsTheDocumentedPropagation.
        //   07-02: Q 30.7, up 42.280573 & 41.0491 (u 0.2339799), down 53.289934 & 51.7378 (u 0.2949055):
        //          CO₂ 1.3844670504795131, u_ca 0.13240993267163992, u_flow 0.06922335252397567
        //   07-03: Q 29.1, up 35.673844 & 34.6348 (u 0.1974184), down 44.238809 & 42.9503 (u 0.2448167):
        //          CO₂ 1.0209411710160816, u_ca 0.10485386337787425, u_flow 0.05104705855080408
        //   07-04: Q 27.9, up 37.7598 & 36.66 (u 0.208962), down 43.054412 & 41.8004 (u 0.2382623):
        //          CO₂ 0.6050907014173256, u_ca 0.10130192257460413, u_flow 0.030254535070866284
        // total 3.0104989229129204; u = √(Σ u_ca² + (Σ u_flow)²) = 0.24788417025868123 (calcium independent
        // between days, the one meter's error common to all); conservative = total − 1.645·u = 2.60272946283739
        JsonPath three = Pipeline.json("/api/v1/removals/summary?plant=PLANT_A&from=2024-07-02&to=2024-07-04");
        assertEquals(3, three.getInt("[0].days_by_flag.VALID"));
        assertEquals(3.0104989229129204, three.getDouble("[0].valid_co2_t"), 1e-12);
        assertEquals(0.24788417025868123, three.getDouble("[0].u_valid_co2_t"), 1e-12);
        assertEquals(2.60272946283739, three.getDouble("[0].conservative_valid_co2_t"), 1e-12);
        JsonPath monthly = Pipeline.json("/api/v1/removals/summary?plant=PLANT_A&period=month");
        assertEquals(List.of("2024-07", "2024-08", "2024-09"), monthly.getList("period"));
    }

    @Test
    void filtersAndPaging() {
        assertEquals(15, Pipeline.json("/api/v1/removals?plant=PLANT_A&flag=MISSING_CA_READINGS&size=1")
                .getInt("total"));
        assertEquals(41, Pipeline.json("/api/v1/removals?plant=PLANT_B&flag=MISSING_CA_READINGS&size=1")
                .getInt("total"));
        assertEquals(3, Pipeline.json("/api/v1/removals?plant=PLANT_B&flag=INVALID&flag=INVALID_FLOW").getInt("total"));
        JsonPath page = Pipeline.json("/api/v1/removals?plant=PLANT_A&from=2024-07-01&to=2024-07-31&size=10&page=1");
        assertEquals(31, page.getInt("total"));
        assertEquals("2024-07-11", page.getString("items[0].day"));
        given().get("/api/v1/removals?flag=GREAT").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("flag"));
        given().get("/api/v1/removals?from=2024-08-01&to=2024-07-01").then().statusCode(400)
                .contentType("application/problem+json");
        given().get("/api/v1/removals?size=0").then().statusCode(400);
        given().get("/api/v1/removals/PLANT_A/2023-01-01").then().statusCode(404)
                .contentType("application/problem+json");
        // a large answer asked for again goes gzipped (compressed once per data revision) to clients that accept it
        for (int i = 0; i < 2; i++) {
            given().header("Accept-Encoding", "gzip").get("/api/v1/removals?plant=PLANT_A&size=100").then()
                    .statusCode(200).header("Vary", "Accept-Encoding").body("total", org.hamcrest.Matchers.equalTo(92));
        }
        given().header("Accept-Encoding", "gzip").get("/api/v1/removals?plant=PLANT_A&size=100").then()
                .statusCode(200).header("Content-Encoding", "gzip").body("total", org.hamcrest.Matchers.equalTo(92));
        given().config(io.restassured.RestAssured.config().decoderConfig(
                io.restassured.config.DecoderConfig.decoderConfig().noContentDecoders()))
                .header("Accept-Encoding", "identity").get("/api/v1/removals?plant=PLANT_A&size=100").then()
                .statusCode(200).header("Content-Encoding", org.hamcrest.Matchers.nullValue());
        JsonPath plants = Pipeline.json("/api/v1/plants");
        assertTrue(plants.getList("plant").containsAll(List.of("PLANT_A", "PLANT_B")), plants.prettify());
    }

    @Test
    void csvAndXlsxExportsGiveTheApiNumbers() throws IOException {
        Map<String, Map<String, Object>> api = GoldenFigures.byKey(days("plant=PLANT_B"));
        String csvText = given().get("/api/v1/removals/export?format=csv&plant=PLANT_B").then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        int rows = 0;
        try (CsvReader<NamedCsvRecord> csv = CsvReader.builder().ofNamedCsvRecord(new StringReader(csvText))) {
            for (NamedCsvRecord r : csv) {
                Map<String, Object> d = api.get(r.getField("plant_id") + " " + r.getField("date"));
                assertEquals(d.get("flag"), r.getField("flag"));
                for (String c : List.of("flow_mgd", "ca_upstream_mg_per_l", "ca_downstream_mg_per_l", "co2_t",
                        "u_co2_t", "conservative_co2_t")) {
                    String v = r.getField(c);
                    if (v.isEmpty()) {
                        assertNull(d.get(c), c);
                    } else {
                        assertEquals(((Number) d.get(c)).doubleValue(), Double.parseDouble(v), 0.0, c);
                    }
                }
                rows++;
            }
        }
        assertEquals(api.size(), rows);

        byte[] xlsx = given().get("/api/v1/removals/export?format=xlsx&plant=PLANT_B").then().statusCode(200)
                .extract().asByteArray();
        try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet days = wb.getSheet("days");
            Map<String, Integer> col = new HashMap<>();
            days.getRow(0).forEach(c -> col.put(c.getStringCellValue(), c.getColumnIndex()));
            assertEquals(api.size(), days.getLastRowNum());
            for (int i = 1; i <= days.getLastRowNum(); i++) {
                Row row = days.getRow(i);
                Map<String, Object> d = api.get(row.getCell(col.get("plant_id")).getStringCellValue() + " "
                        + row.getCell(col.get("date")).getStringCellValue());
                Cell co2 = row.getCell(col.get("co2_t"));
                if (d.get("co2_t") == null) {
                    assertNull(co2);
                } else {
                    assertEquals(CellType.NUMERIC, co2.getCellType());
                    assertEquals(((Number) d.get("co2_t")).doubleValue(), co2.getNumericCellValue(), 0.0);
                }
            }
            assertNotNull(wb.getSheet("totals").getRow(1));
            assertNotNull(wb.getSheet("methodology").getRow(1));
        }
    }

    @Test
    void formulaInjectionIsEscapedInBothExports() throws IOException {
        // a plant's display name is free text that reaches the exports: one beginning with each formula character
        String plant = "PLANT_INJ";
        org.carbonmrv.devstack.TestPlants.registerAt(SampleCorpus.ingestUrl(), plant);
        Path lab = Pipeline.labAs("PLANT_A", plant, java.time.LocalDate.parse("2024-07-02"),
                java.time.LocalDate.parse("2024-07-02"));
        SampleCorpus.upload(lab.toFile(), null);
        Pipeline.settle(worker);
        int nameColumn = org.carbonmrv.mrv.export.ExportService.COLUMNS.indexOf("plant_name");
        for (String name : List.of("=1+2", "+1+2", "-1+2", "@SUM(1,2)")) {
            Map<String, Object> entry = new HashMap<>(org.carbonmrv.devstack.TestPlants.entry(plant,
                    "America/New_York"));
            entry.put("display_name", name);
            given().baseUri(SampleCorpus.ingestUrl()).port(-1).contentType(ContentType.JSON).body(entry)
                    .put("/api/v1/plants/" + plant).then().statusCode(201);
            String csvText = given().queryParam("plant", plant).get("/api/v1/removals/export?format=csv").then()
                    .statusCode(200).extract().asString();
            try (CsvReader<NamedCsvRecord> csv = CsvReader.builder().ofNamedCsvRecord(new StringReader(csvText))) {
                NamedCsvRecord r = csv.stream().findFirst().orElseThrow();
                assertEquals("'" + name, r.getField("plant_name"), "a leading apostrophe: read as text");
                assertEquals("NO_OPS_DATA", r.getField("flag"));
            }
            byte[] xlsx = given().queryParam("plant", plant).get("/api/v1/removals/export?format=xlsx").then()
                    .statusCode(200).extract().asByteArray();
            try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
                Cell c = wb.getSheet("days").getRow(1).getCell(nameColumn);
                assertEquals(CellType.STRING, c.getCellType(), name);
                assertEquals(name, c.getStringCellValue());
                assertTrue(c.getCellStyle().getQuotePrefixed(), name + ": shown as text, never run as a formula");
            }
        }
    }

    @Test
    void recomputeIsIdempotentAndRecorded() {
        given().contentType(ContentType.JSON).body(Map.of("plant", "PLANT_A", "from", "2024-07-01", "to",
                "2024-09-30", "by", "operator-1")).post("/api/v1/recompute").then().statusCode(200)
                .body("days", equalTo(92)).body("new_current_versions", equalTo(0)).body("unchanged", equalTo(92));
        given().contentType(ContentType.JSON).body(Map.of("plant", "PLANT_A", "from", "2024-09-30", "to",
                "2024-07-01")).post("/api/v1/recompute").then().statusCode(400)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("from", "2024-07-01")).post("/api/v1/recompute").then()
                .statusCode(400);
        assertEquals(0, worker.drain(), "every grade event was processed once");
        JsonPath events = Pipeline.json("/api/v1/events?status=PENDING");
        assertEquals(0, events.getList("$").size());
        assertTrue(Pipeline.json("/api/v1/events?status=DONE").getList("$").size() > 0);
    }

    /**
     * PLANT_B's latest export as {@code plant}'s (its plant cell A2 renamed); revised when {@code oldFlow} is given:
     * one day's effluent flow changed and a later generation time.
     */
    private static Path exportOf(String plant, String day, Double oldFlow, double newFlow) throws IOException {
        Path source = SampleCorpus.samples().resolve("ops/PLANT_B-MPOR_Sample_09132024to10112024.xlsx");
        String name = "PLANT_B-MPOR_Sample_09132024to10112024" + (oldFlow == null ? "" : "-rev") + ".xlsx";
        Path out = Files.createTempDirectory("export").resolve(name);
        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(source))) {
            Sheet sheet = wb.getSheet("SHT-S1 DMR SUM");
            sheet.getRow(1).getCell(0).setCellValue(plant);
            if (oldFlow != null) {
                revise(sheet, day, oldFlow, newFlow);
            }
            try (var os = Files.newOutputStream(out)) {
                wb.write(os);
            }
        }
        return out;
    }

    private static void revise(Sheet sheet, String day, double oldFlow, double newFlow) {
        Cell generated = sheet.getRow(3).getCell(0);
        if (generated.getCellType() == CellType.NUMERIC) {
            generated.setCellValue(generated.getNumericCellValue() + 1);
        } else {
            generated.setCellValue("10/12/2024 9:00:00 AM");
        }
        boolean changed = false;
        for (Row row : sheet) {
            Cell date = row.getCell(0);
            if (date == null || row.getRowNum() < 12 || date.getCellType() != CellType.FORMULA
                    || date.getCachedFormulaResultType() != CellType.NUMERIC
                    || !date.getLocalDateTimeCellValue().toLocalDate().toString().equals(day)) {
                continue;
            }
            for (Cell c : row) {
                boolean numeric = c.getCellType() == CellType.NUMERIC || (c.getCellType() == CellType.FORMULA
                        && c.getCachedFormulaResultType() == CellType.NUMERIC);
                if (numeric && c.getNumericCellValue() == oldFlow) {
                    c.setCellValue(newFlow); // a formula cell keeps its formula: this is its stored value
                    changed = true;
                }
            }
        }
        assertTrue(changed, "flow " + oldFlow + " of " + day + " not found");
    }

    @Test
    void aRevisedExportMakesANewVersionOfOnlyTheChangedDay() throws IOException {
        String plant = "PLANT_B_REVISED";
        org.carbonmrv.devstack.TestPlants.registerAt(SampleCorpus.ingestUrl(), plant);
        SampleCorpus.upload(exportOf(plant, null, null, 0).toFile(), null);
        Pipeline.settle(worker);
        Map<String, Map<String, Object>> before = GoldenFigures.byKey(days("plant=" + plant));
        assertEquals(29, before.size(), "the export's days, 2024-09-13 to 2024-10-11");
        SampleCorpus.upload(exportOf(plant, "2024-10-01", 8.089, 9.5).toFile(), null);
        Pipeline.settle(worker);
        Map<String, Map<String, Object>> after = GoldenFigures.byKey(days("plant=" + plant));
        assertEquals(before.keySet(), after.keySet());
        List<String> changed = after.entrySet().stream().filter(e -> ((Number) e.getValue().get("version"))
                .intValue() > 1).map(Map.Entry::getKey).toList();
        assertEquals(List.of(plant + " 2024-10-01"), changed, "only the revised day has a new version");
        JsonPath now = Pipeline.json("/api/v1/removals/" + plant + "/2024-10-01");
        assertEquals(2, now.getInt("version"));
        assertEquals(9.5, now.getDouble("flow_mgd"));
        assertEquals("grade_events", now.getString("trigger.kind"));
        assertFalse(now.getList("trigger.qaqc_job_ids").isEmpty(), "names the grading job that caused it");
        assertTrue(now.getList("inputs.file_name").contains("PLANT_B-MPOR_Sample_09132024to10112024-rev.xlsx"));
        JsonPath old = Pipeline.json("/api/v1/removals/" + plant + "/2024-10-01?version=1");
        assertEquals("SUPERSEDED", old.getString("state"));
        assertEquals(8.089, old.getDouble("flow_mgd"));
        assertEquals(2, old.getInt("superseded_by_version"));
        assertEquals(List.of("SUPERSEDED", "CURRENT"), now.getList("versions.state"));
        assertEquals("MISSING_CA_READINGS", now.getString("flag"), "no lab data that day: still no figure");
    }

    @Test
    void anApprovedPeriodIsLockedAndChangesWaitAsPendingVersions() throws Exception {
        String plant = "PLANT_A_REVIEW";
        Pipeline.plantFromCorpus(worker, plant, java.time.LocalDate.parse("2024-07-01"),
                java.time.LocalDate.parse("2024-07-10"));
        given().contentType(ContentType.JSON).body(Map.of("plant", plant, "from", "2024-07-01", "to",
                "2024-07-10", "decision", "APPROVED", "comment", "inputs checked against the lab report", "by",
                "reviewer-1")).post("/api/v1/approvals").then().statusCode(201).body("days", equalTo(10))
                .body("changed_after_approval", equalTo(false));
        assertEquals(10, Pipeline.json("/api/v1/removals?plant=" + plant + "&approval=APPROVED").getInt("total"));

        JsonPath day = Pipeline.json("/api/v1/removals/" + plant + "/2024-07-02");
        double approvedCo2 = day.getDouble("co2_t");
        List<Map<String, Object>> inputs = day.getList("inputs");
        long downstream = inputs.stream().filter(i -> "ca_downstream".equals(i.get("role")))
                .map(i -> ((Number) i.get("record_id")).longValue()).findFirst().orElseThrow();
        int overrideId = given().baseUri(Pipeline.qaqcUrl()).port(-1).contentType(ContentType.JSON)
                .body(Map.of("record_type", "lab", "record_ids", List.of(downstream), "flag", 4, "reason",
                        "sample contaminated", "by", "reviewer-1"))
                .post("/api/v1/overrides").then().statusCode(201).extract().path("id");
        Pipeline.settle(worker);

        JsonPath locked = Pipeline.json("/api/v1/removals/" + plant + "/2024-07-02");
        assertEquals(1, locked.getInt("version"), "the approved figure is still served");
        assertEquals(approvedCo2, locked.getDouble("co2_t"));
        assertEquals("CHANGED_AFTER_APPROVAL", locked.getString("approval.approval_state"));
        assertEquals(2, locked.getInt("approval.pending_version"));
        assertEquals(List.of("CURRENT", "PENDING"), locked.getList("versions.state"));
        assertEquals(List.of(overrideId), locked.getList("versions[1].trigger.qaqc_override_ids"));
        JsonPath pending = Pipeline.json("/api/v1/removals/" + plant + "/2024-07-02?version=2");
        Map<String, Object> excluded = pending.<Map<String, Object>>getList("inputs").stream()
                .filter(i -> ((Number) i.get("record_id")).longValue() == downstream).findFirst().orElseThrow();
        assertEquals(false, excluded.get("used"));
        assertEquals(overrideId, ((Number) excluded.get("qaqc_override_id")).intValue());
        assertEquals(1, Pipeline.json("/api/v1/removals?plant=" + plant
                + "&approval=CHANGED_AFTER_APPROVAL").getInt("total"));
        assertEquals(true, Pipeline.json("/api/v1/approvals?plant=" + plant).get("[0].changed_after_approval"));

        // a second approval accepts the new figure
        given().contentType(ContentType.JSON).body(Map.of("plant", plant, "from", "2024-07-02", "to",
                "2024-07-02", "decision", "APPROVED", "comment", "override accepted", "by", "reviewer-2"))
                .post("/api/v1/approvals").then().statusCode(201);
        JsonPath reapproved = Pipeline.json("/api/v1/removals/" + plant + "/2024-07-02");
        assertEquals(2, reapproved.getInt("version"));
        assertEquals("APPROVED", reapproved.getString("approval.approval_state"));
        assertEquals(pending.getDouble("co2_t"), reapproved.getDouble("co2_t"));
        assertEquals(false, Pipeline.json("/api/v1/approvals?plant=" + plant).get("[1].changed_after_approval"));

        given().contentType(ContentType.JSON).body(Map.of("plant", plant, "from", "2024-07-01", "to",
                "2024-07-02", "decision", "REJECTED", "comment", " ")).post("/api/v1/approvals").then()
                .statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("plant", plant, "from", "2030-01-01", "to",
                "2030-01-02", "decision", "APPROVED", "comment", "nothing there")).post("/api/v1/approvals").then()
                .statusCode(422).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("plant", plant, "from", "2024-07-01", "to",
                "2024-07-02", "decision", "MAYBE", "comment", "x")).post("/api/v1/approvals").then()
                .statusCode(400);

        // revoking the override emits grade events; two workers (as two replicas) race for them
        given().baseUri(Pipeline.qaqcUrl()).port(-1).queryParam("reason", "re-test")
                .delete("/api/v1/overrides/" + overrideId).then().statusCode(200);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        var a = pool.submit(() -> worker.drain());
        var b = pool.submit(() -> worker.drain());
        int processed = a.get() + b.get();
        pool.shutdown();
        assertEquals(1, processed, "one event, processed by one replica");
        JsonPath after = Pipeline.json("/api/v1/removals/" + plant + "/2024-07-02");
        assertEquals(List.of(1, 2, 3), after.getList("versions.version").stream().map(v -> ((Number) v).intValue())
                .toList());
        assertEquals("PENDING", after.getString("versions[2].state"), "the day is approved: the change waits");
    }

    @Test
    void anotherReplicasCommitIsServedOnceItsNotificationArrives() throws Exception {
        String plant = "PLANT_NOTIFY";
        Pipeline.plantFromCorpus(worker, plant, java.time.LocalDate.parse("2024-07-03"),
                java.time.LocalDate.parse("2024-07-03"));
        String url = "/api/v1/removals?plant=" + plant + "&from=2024-07-03&to=2024-07-03";
        double before = Pipeline.json(url).getDouble("items[0].co2_t");
        assertTrue(revisions.listening(), "the revision comes from notifications, not a query per request");
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'revision listener' }.data.listening", equalTo(true));
        // another replica's transaction: a new version of the day made current, and the revision bump, as
        // RemovalStore and Revisions.bump do (stored figures themselves never change)
        String copy = "create temp table changed on commit drop as select v.* from mrv.removal_version v "
                + "join mrv.removal_state s on s.plant = v.plant and s.day = v.day and v.version = s.current_version "
                + "where v.plant = '" + plant + "' and v.day = '2024-07-03'";
        String change = "update changed set version = (select latest_version + 1 from mrv.removal_state "
                + "where plant = '" + plant + "' and day = '2024-07-03'), co2_t = co2_t + ?, "
                + "fingerprint = md5(random()::text)";
        String[] store = {"insert into mrv.removal_version select * from changed",
            "insert into mrv.removal_supersession (plant, day, version, superseded_by_version) select s.plant, s.day, "
                + "s.current_version, c.version from mrv.removal_state s join changed c using (plant, day)",
            "update mrv.removal_state s set current_version = c.version, current_fingerprint = c.fingerprint, "
                + "latest_version = c.version from changed c where s.plant = c.plant and s.day = c.day"};
        String bump = "update mrv.revision set n = n + 1 where id = 1 returning pg_notify('mrv_revision', n::text)";
        for (double delta : new double[] {1000, -1000}) {
            try (java.sql.Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try (var ps = c.prepareStatement(change); var st = c.createStatement()) {
                    st.execute(copy);
                    ps.setDouble(1, delta);
                    assertEquals(1, ps.executeUpdate());
                    for (String sql : store) {
                        assertEquals(1, st.executeUpdate(sql), sql);
                    }
                    st.executeQuery(bump).close();
                }
                c.commit();
            }
            long t0 = System.nanoTime();
            double expected = delta > 0 ? before + delta : before;
            while (Math.abs(Pipeline.json(url).getDouble("items[0].co2_t") - expected) > 1e-6) {
                assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "the cached answer was not replaced within 2 s "
                        + "(tests re-read the revision only every hour: only the notification can replace it)");
                Thread.sleep(5);
            }
        }
    }

    /**
     * What the methodology foreign key guaranteed, now checked per statement (V6), and that stored figures and
     * methodologies are append-only (V7); each in a rolled-back transaction.
     */
    @Test
    void figuresNameAStoredMethodologyAndNeverChange() throws Exception {
        try (java.sql.Connection c = dataSource.getConnection(); var st = c.createStatement()) {
            c.setAutoCommit(false);
            String copyOfADay = "insert into mrv.removal_version select plant, day, version + 1000, flag, message, "
                    + "needs_review, review_reasons, flow_mgd, ca_upstream_mg_per_l, ca_downstream_mg_per_l, "
                    + "delta_ca_mg_per_l, n_upstream, n_downstream, co2_t, u_co2_t, u_co2_ca_t, u_co2_flow_t, "
                    + "conservative_co2_t, qaqc_config_versions, %s, inputs, fingerprint, trigger from mrv.removal "
                    + "where plant = 'PLANT_A' and day = '2024-07-03' and state = 'CURRENT'";
            assertEquals(1, st.executeUpdate(String.format(copyOfADay, "methodology_id")), "a stored methodology");
            c.rollback();
            var unknown = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                    () -> st.executeUpdate(String.format(copyOfADay, "999999")));
            assertEquals("23503", unknown.getSQLState(), "foreign_key_violation: " + unknown.getMessage());
            c.rollback();
            String aDay = " where plant = 'PLANT_A' and day = '2024-07-03'";
            for (String change : new String[] {"update mrv.removal_version set methodology_id = methodology_id + 1"
                    + aDay, "update mrv.removal_version set co2_t = co2_t * 2" + aDay,
                "update mrv.removal_version set inputs = '{}'" + aDay, "delete from mrv.removal_version" + aDay,
                "truncate mrv.removal_version cascade", "update mrv.methodology set version = 'x'",
                "delete from mrv.methodology"}) {
                var refused = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                        () -> st.executeUpdate(change));
                assertTrue(refused.getMessage().contains("append-only"), change + ": " + refused.getMessage());
                c.rollback();
            }
        }
    }
}
