package org.carbonmrv.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.carbonmrv.devstack.EmbeddedPostgresTestResource;
import org.carbonmrv.devstack.NewPlantFiles;
import org.carbonmrv.devstack.TestPlants;
import org.carbonmrv.ingest.BadFiles;
import org.carbonmrv.ingest.Samples;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The plant registry and units as data: a plant unknown to the registry is refused, a quantity is stored in its
 * canonical unit from whatever unit its layout and header name (converted by the units library), and never in a unit
 * nobody named. Expected values are worked by hand: 1 US gallon = 231 in³ = 3.785411784 L (its definition), so
 * 1 MGD = 3,785.411784 m³/d; Ca is 40.078 g/mol, charge 2.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresTestResource.class)
class UnitsAndPlantsTest {

    private static final double M3_PER_MG = 3_785.411784;

    private static JsonPath upload(String name, byte[] bytes, String plant, int status) {
        return upload(name, bytes, plant, null, status);
    }

    private static JsonPath upload(String name, byte[] bytes, String plant, String kind, int status) {
        var req = given().multiPart("file", name, bytes);
        if (kind != null) {
            req = req.multiPart("kind", kind);
        }
        if (plant != null) {
            req = req.multiPart("plant", plant);
        }
        return req.post("/api/v1/uploads").then().statusCode(status).extract().jsonPath(Samples.DOUBLES);
    }

    private static void register(String plant, String zone) {
        given().contentType(ContentType.JSON).body(TestPlants.entry(plant, zone)).put("/api/v1/plants/" + plant)
                .then().statusCode(201);
    }

    @Test
    void thePlantRegistryIsVersionedCheckedAndAudited() {
        register("PLANT_REG", "America/Chicago");
        Map<String, Object> v2 = new HashMap<>(TestPlants.entry("PLANT_REG", "America/Chicago"));
        v2.put("flow_meters", List.of(Map.of("id", "FM-1", "relative_standard_uncertainty", 0.02)));
        v2.put("active_from", "2024-01-01");
        given().header("X-Request-Id", "req-plant-put").contentType(ContentType.JSON).body(v2)
                .put("/api/v1/plants/PLANT_REG").then().statusCode(201).body("version", equalTo(2))
                .body("flow_meters[0].relative_standard_uncertainty", equalTo(0.02f));
        given().get("/api/v1/plants/PLANT_REG/versions").then().statusCode(200).body("size()", equalTo(2))
                .body("[0].version", equalTo(1)).body("[0].flow_meters", equalTo(List.of()));
        given().get("/api/v1/plants").then().body("plant", hasItem("PLANT_REG"));
        given().get("/api/v1/audit?request_id=req-plant-put").then().body("[0].action", equalTo("plant.put"));

        Map<String, Object> bad = new HashMap<>(TestPlants.entry("PLANT_BAD", "Mars/Olympus"));
        bad.put("sampling_points", Map.of("upstream", "same", "downstream", "same"));
        given().contentType(ContentType.JSON).body(bad).put("/api/v1/plants/PLANT_BAD").then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", hasItem("time_zone"))
                .body("violations.field", hasItem("sampling_points.downstream"));
        Map<String, Object> meter = new HashMap<>(TestPlants.entry("PLANT_BAD", "UTC"));
        meter.put("flow_meters", List.of(Map.of("id", "FM-1", "relative_standard_uncertainty", 1.5)));
        given().contentType(ContentType.JSON).body(meter).put("/api/v1/plants/PLANT_BAD").then().statusCode(400)
                .body("violations.field", hasItem("flow_meters[0].relative_standard_uncertainty"));
        given().get("/api/v1/plants/PLANT_BAD").then().statusCode(404);
    }

    @Test
    void aFileForAnUnregisteredPlantIsRefusedNamingItAndHowToRegister() {
        // bytes of their own (the corpus' own bytes, accepted before, would be answered with that upload)
        byte[] ops = BadFiles.editWorkbook("ops/PLANT_A-OPS DATA-JUL24.xlsx", sheet -> sheet.getRow(5).getCell(1)
                .setCellValue("12.3456"));
        JsonPath p = upload("ops.xlsx", ops, "PLANT_NOWHERE", 422);
        assertEquals("File cannot be ingested", p.getString("title"));
        String detail = p.getString("detail");
        org.junit.jupiter.api.Assertions.assertTrue(detail.contains("'PLANT_NOWHERE' is not registered")
                && detail.contains("PUT /api/v1/plants/PLANT_NOWHERE"), detail);
        // a lab file naming an unregistered plant on a row: that row's error
        String lab = labRow("PLANT_NOWHERE", "2024-07-02", "primary_clarifier", "41.2", "mg/L");
        JsonPath rowError = upload("lab.csv", lab.getBytes(StandardCharsets.UTF_8), null, 422);
        assertEquals(2, rowError.getInt("errors[0].row"));
        assertEquals("plant_id", rowError.getString("errors[0].column"));
    }

    /** A lab row in the corpus' 23-column layout. */
    static String labRow(String plant, String date, String point, String value, String unit) {
        String header = "unique_id,date,time_analyzed,medium,data_type,data_provider,instrument,replicate_num,"
                + "analytical_session_id,plant_id,unit_type_id,unit_sub_id,measurement_point,parameter_name,units,"
                + "value,uncertainty,source_file,source_sheet,source_col_idx,date_generated,notes,flag_match\n";
        return header + String.join(",", plant + "_" + date + "_" + point, date, date, "aqueous", "deployment",
                "CREW", "IC", "1", "S1", plant, point, "", "outlet", "calcium", unit, value, "", "f.csv", "s", "",
                "1900-01-01", "", "TRUE") + "\n";
    }

    @Test
    void aLayoutMappingAQuantityWithoutAUnitIsRefusedAtPut() {
        Map<String, Object> layout = NewPlantFiles.dailyLogLayout();
        @SuppressWarnings("unchecked")
        Map<String, Object> def = new HashMap<>((Map<String, Object>) layout.get("definition"));
        def.remove("units");
        def.remove("units_in_headers");
        given().contentType(ContentType.JSON).body(Map.of("record_type", "ops", "format", "workbook", "definition",
                def)).put("/api/v1/layouts/no-units").then().statusCode(400)
                .body("violations.field", hasItem("definition.units.effluent_flow_mgd"));
        def.put("units", Map.of("effluent_flow_mgd", "furlongs/fortnight", "influent_flow_mgd", "mg/L"));
        given().contentType(ContentType.JSON).body(Map.of("record_type", "ops", "format", "workbook", "definition",
                def)).put("/api/v1/layouts/bad-units").then().statusCode(400)
                .body("violations.field", hasItem("definition.units.effluent_flow_mgd"))
                .body("violations.find { it.field == 'definition.units.influent_flow_mgd' }.message",
                        containsString("CONCENTRATION"));
        given().get("/api/v1/layouts/no-units").then().statusCode(404);
    }

    @Test
    void aNewPlantsMetricLogIsStoredInMgdWithTheOriginalKept() {
        register("PLANT_M3", "America/Chicago");
        given().contentType(ContentType.JSON).body(NewPlantFiles.dailyLogLayout()).put("/api/v1/layouts/ops-m3-log")
                .then().statusCode(201);
        byte[] log = NewPlantFiles.dailyLog("Riverside WWTP - daily log", "2024-11-05 08:30", List.of(
                new NewPlantFiles.Day(LocalDate.of(2024, 11, 1), 99_715, 101_200),
                new NewPlantFiles.Day(LocalDate.of(2024, 11, 2), 98_000.5, 100_000)));
        JsonPath u = upload("riverside-nov.xlsx", log, "PLANT_M3", "ops-m3-log", 201);
        assertEquals("ops-m3-log", u.getString("kind"));
        assertEquals(2, u.getInt("counts.records_stored"));
        assertEquals(1, u.getInt("counts.rows_skipped.'summary row (Monthly Total)'"));
        // 08:30 in Chicago on 5 November (CST, UTC-6)
        assertEquals("2024-11-05T08:30:00-06:00", u.getString("generated_at"));
        JsonPath days = Samples.json("/api/v1/plants/PLANT_M3/operations");
        assertEquals(99_715 / M3_PER_MG, days.getDouble("items[0].effluent_flow_mgd"), 1e-12);
        assertEquals(101_200 / M3_PER_MG, days.getDouble("items[0].influent_flow_mgd"), 1e-12);
        assertEquals(99_715.0, days.getDouble("items[0].original_values.effluent_flow_mgd.value"));
        assertEquals("m³/d", days.getString("items[0].original_values.effluent_flow_mgd.unit"));
        assertEquals(98_000.5 / M3_PER_MG, days.getDouble("items[1].effluent_flow_mgd"), 1e-12);
    }

    @Test
    void aHeaderUnitThatContradictsTheLayoutIsRefusedNamingColumnAndBothUnits() {
        register("PLANT_ML", "UTC");
        given().contentType(ContentType.JSON).body(NewPlantFiles.dailyLogLayout()).put("/api/v1/layouts/ops-m3-log-b")
                .then().statusCode(201);
        byte[] megalitres = NewPlantFiles.dailyLog("x", "2024-11-05 08:30", List.of(new NewPlantFiles.Day(
                LocalDate.of(2024, 11, 1), 26.3, 27)), "ML/d");
        JsonPath p = upload("ml.xlsx", megalitres, "PLANT_ML", "ops-m3-log-b", 422);
        String reason = p.getString("errors[0].reason");
        assertEquals("B", p.getString("errors[0].column"));
        org.junit.jupiter.api.Assertions.assertTrue(reason.contains("is in ML/d but the layout declares m³/d"),
                reason);
    }

    @Test
    void labValuesAreConvertedAndCensoredValuesKeptWithTheirBound() {
        register("PLANT_LAB", "America/New_York");
        String csv = labRow("PLANT_LAB", "2024-02-29", "primary_clarifier", "1.05", "mmol/L")
                + labRow("PLANT_LAB", "2024-02-29", "primary_clarifier", "<0.5", "mg/L").split("\n")[1] + "\n"
                + labRow("PLANT_LAB", "2024-02-29", "secondary_clarifier", "ND", "mg/L").split("\n")[1] + "\n"
                + labRow("PLANT_LAB", "2024-02-29", "secondary_clarifier", ">100", "meq/L").split("\n")[1] + "\n"
                + labRow("PLANT_LAB", "2024-02-29", "secondary_clarifier", "2.1", "meq/L").split("\n")[1] + "\n";
        upload("lab-leap.csv", csv.getBytes(StandardCharsets.UTF_8), null, 201);
        List<Map<String, Object>> rows = Samples.json("/api/v1/plants/PLANT_LAB/lab-readings").getList("items");
        assertEquals(5, rows.size());
        assertEquals("2024-02-29", rows.get(0).get("sample_date"), "a leap day");
        assertEquals(1.05 * 40.078, (Double) rows.get(0).get("value"), 1e-12);
        assertEquals("mg/L", rows.get(0).get("unit"));
        assertEquals(1.05, rows.get(0).get("original_value"));
        assertEquals("mmol/L", rows.get(0).get("original_unit"));
        assertNull(rows.get(1).get("value"), "a censored value is never read as 0");
        assertEquals("<", rows.get(1).get("censoring"));
        assertEquals(0.5, rows.get(1).get("detection_limit"));
        assertEquals("<0.5", rows.get(1).get("raw_value"));
        assertEquals("<", rows.get(2).get("censoring"));
        assertNull(rows.get(2).get("detection_limit"), "ND states no limit");
        assertEquals(">", rows.get(3).get("censoring"));
        assertEquals(100 * 40.078 / 2, (Double) rows.get(3).get("detection_limit"), 1e-9, "the limit converted too");
        assertEquals(2.1 * 40.078 / 2, (Double) rows.get(4).get("value"), 1e-12);
        // calcium in a unit that is not one: the row is refused, nothing stored
        JsonPath p = upload("lab-bad-unit.csv", labRow("PLANT_LAB", "2024-03-01", "primary_clarifier", "41",
                "mg/dL!").getBytes(StandardCharsets.UTF_8), null, 422);
        assertEquals("units", p.getString("errors[0].column"));
    }

    @Test
    void aCalibrationIsRecordedWithItsCertificate() {
        register("PLANT_CAL", "America/New_York");
        byte[] certificate = "%PDF-1.4 calibration certificate".getBytes(StandardCharsets.UTF_8);
        int id = given().multiPart("plant", "PLANT_CAL").multiPart("calibrated_at", "2024-07-01T09:30:00")
                .multiPart("method", "two-point buffer").multiPart("reference_material", "pH 4.01 / 7.00")
                .multiPart("reference_lot", "LOT-77").multiPart("offset", "0.02").multiPart("slope", "0.998")
                .multiPart("certificate", "cert.pdf", certificate).post("/api/v1/sensors/PH7001/calibrations")
                .then().statusCode(201).body("calibrated_at", containsString("2024-07-01T13:30"))
                .body("offset_found", equalTo(0.02f)).extract().path("id");
        byte[] back = given().get("/api/v1/sensors/PH7001/calibrations/" + id + "/certificate").then()
                .statusCode(200).extract().asByteArray();
        org.junit.jupiter.api.Assertions.assertArrayEquals(certificate, back);
        given().contentType(ContentType.JSON).body(Map.of("plant", "PLANT_CAL", "calibrated_at", "2024-08-01",
                "method", "one-point")).post("/api/v1/sensors/PH7001/calibrations").then().statusCode(201);
        given().get("/api/v1/sensors/PH7001/calibrations?plant=PLANT_CAL").then().body("size()", equalTo(2))
                .body("[1].calibrated_at", containsString("2024-08-01T04:00"));
        given().contentType(ContentType.JSON).body(Map.of("plant", "PLANT_CAL", "calibrated_at", "last tuesday",
                "method", "x")).post("/api/v1/sensors/PH7001/calibrations").then().statusCode(400)
                .body("violations[0].field", equalTo("calibrated_at"));
        given().contentType(ContentType.JSON).body(Map.of("plant", "PLANT_NOWHERE", "calibrated_at", "2024-08-01",
                "method", "x")).post("/api/v1/sensors/PH7001/calibrations").then().statusCode(422)
                .body("detail", containsString("not registered"));
    }
}
