package org.carbonmrv.mrv;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.carbonmrv.devstack.NewPlantFiles;
import org.carbonmrv.devstack.NewPlantFiles.LabRow;
import org.carbonmrv.devstack.PipelineTestResource;
import org.carbonmrv.devstack.SampleCorpus;
import org.carbonmrv.devstack.SensorLogs;
import org.carbonmrv.mrv.queue.RecomputeWorker;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * A new plant onboarded by configuration alone, through the APIs, as README "Onboard a new plant" describes: its
 * registry entry (zone, its own sampling point names, a flow meter), a layout for its daily log in m³/d with a title
 * block and a total row, its lab results in the existing lab layout (one day in mmol/L, one with a censored value),
 * and a pH log kept in UTC. Its figures equal numbers worked here from the files' own values with every factor
 * written out, never with the service's constants.
 */
@QuarkusTest
@WithTestResource(PipelineTestResource.class)
class OnboardingTest {

    private static final String PLANT = "PLANT_RIVER";
    /** The US gallon is 231 in³ = 3.785411784 L by definition: a million gallons is 3,785.411784 m³. */
    private static final double M3_PER_MILLION_GALLONS_EXACT = 3_785.411784;
    /**
     * The methodology's factor (ca-co2/2 as ca-co2/1): t CO₂ per day for 1 mg/L gained at 1 MGD, from its written
     * constants: 3,785.41 m³ per MG × 1,000 L/m³ × (CaCO₃ 100.0869 / Ca 40.078) × (CO₂ 44.0095 / CaCO₃ 100.0869)
     * mg → t (10⁹).
     */
    private static final double K = 3_785.41 * 1_000 * (100.0869 / 40.078) * (44.0095 / 100.0869) / 1e9;
    private static final double CA_G_PER_MOL = 40.078;
    private static final double METER_U = 0.02;

    @Inject
    RecomputeWorker worker;

    private static void put(String path, Object body) {
        given().baseUri(SampleCorpus.ingestUrl()).port(-1).contentType(ContentType.JSON).body(body).put(path).then()
                .statusCode(201);
    }

    private static void upload(String name, byte[] bytes, String plant) throws Exception {
        Path f = Files.createTempDirectory("onboarding").resolve(name);
        Files.write(f, bytes);
        SampleCorpus.upload(f.toFile(), plant);
    }

    @Test
    void aNewPlantInItsOwnUnitsAndZoneGivesHandWorkedFigures() throws Exception {
        put("/api/v1/plants/" + PLANT, Map.of("display_name", "Riverside WWTP", "time_zone", "America/Chicago",
                "sampling_points", Map.of("upstream", "influent_channel", "downstream", "effluent_weir"),
                "flow_meters", List.of(Map.of("id", "FM-EFF-1", "relative_standard_uncertainty", METER_U)),
                "comment", "onboarding"));
        put("/api/v1/layouts/ops-riverside-log", NewPlantFiles.dailyLogLayout());
        put("/api/v1/layouts/sensor-ph-utc-riverside", NewPlantFiles.utcSensorLayout());
        LocalDate d1 = LocalDate.of(2024, 11, 1);
        LocalDate d2 = d1.plusDays(1);
        LocalDate d3 = d1.plusDays(2);
        upload("riverside-nov.xlsx", NewPlantFiles.dailyLog("Riverside WWTP - Daily Operations Log",
                "2024-11-05 08:30", List.of(new NewPlantFiles.Day(d1, 99_715, 101_000),
                        new NewPlantFiles.Day(d2, 101_300, 102_500), new NewPlantFiles.Day(d3, 97_840.5, 99_100))),
                PLANT);
        upload("riverside-lab.csv", NewPlantFiles.labCsv(List.of(
                new LabRow(PLANT, d1, "influent_channel", "40.2", "", "mg/L"),
                new LabRow(PLANT, d1, "influent_channel", "41.0", "0.3", "mg/L"),
                new LabRow(PLANT, d1, "effluent_weir", "52.5", "0.4", "mg/L"),
                new LabRow(PLANT, d2, "influent_channel", "1.00", "0.01", "mmol/L"),
                new LabRow(PLANT, d2, "effluent_weir", "1.30", "0.01", "mmol/L"),
                new LabRow(PLANT, d3, "influent_channel", "<5", "", "mg/L"),
                new LabRow(PLANT, d3, "effluent_weir", "12", "0.2", "mg/L")))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), null);
        // the pH logger keeps UTC: 05:00 UTC on 1 November is midnight in Chicago (CDT, UTC-5)
        upload("riverside-ph.csv", SensorLogs.csv(PLANT, "PH_RIVER", SensorLogs.localMinutes(LocalDateTime.of(2024,
                11, 1, 5, 0), 60, ZoneOffset.UTC), 7.2).replaceFirst("^Timestamp", "Timestamp UTC")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), null);
        Pipeline.settle(worker);

        // day 1: upstream (40.2 [no u: 3 % = 1.206] + 41.0 [0.3]) / 2 = 40.6, downstream 52.5 [0.4]
        double q1 = 99_715 / M3_PER_MILLION_GALLONS_EXACT;
        double uUp1 = Math.sqrt(1.206 * 1.206 + 0.3 * 0.3) / 2;
        expect(d1, q1, 40.6, 52.5, uUp1, 0.4);
        // day 2: in mmol/L, × 40.078 g/mol: 40.078 [0.40078] and 52.1014 [0.40078] mg/L
        double q2 = 101_300 / M3_PER_MILLION_GALLONS_EXACT;
        expect(d2, q2, 1.00 * CA_G_PER_MOL, 1.30 * CA_G_PER_MOL, 0.01 * CA_G_PER_MOL, 0.01 * CA_G_PER_MOL);
        // day 3: upstream reported "<5": its upper bound 5 (no u: 3 % = 0.15), downstream 12 [0.2]
        double q3 = 97_840.5 / M3_PER_MILLION_GALLONS_EXACT;
        JsonPath day3 = expect(d3, q3, 5.0, 12.0, 0.15, 0.2);
        assertTrue(day3.getBoolean("needs_review"));
        assertTrue(day3.getList("review_reasons").stream().anyMatch(r -> r.toString().contains("censored (< 5.0 mg/L)")),
                day3.getList("review_reasons").toString());

        JsonPath detail = Pipeline.json("/api/v1/removals/" + PLANT + "/" + d2);
        assertEquals(1, detail.getInt("plant_version"));
        Map<String, Object> ops = detail.getMap("inputs.find { it.role == 'ops' }");
        assertEquals(101_300.0, ops.get("original_value"));
        assertEquals("m³/d", ops.get("original_unit"));
        Map<String, Object> up = detail.getMap("inputs.find { it.role == 'ca_upstream' }");
        assertEquals(1.0, up.get("original_value"));
        assertEquals("mmol/L", up.get("original_unit"));
        // the pH log's minutes are Chicago's midnight hour of 1 November
        List<String> ph = given().baseUri(SampleCorpus.ingestUrl()).port(-1).get("/api/v1/plants/" + PLANT
                + "/sensor-readings?sensor=PH_RIVER&from=2024-11-01T00:00:00&to=2024-11-01T01:00:00").then()
                .statusCode(200).extract().jsonPath().getList("items.ts");
        assertEquals(60, ph.size());
        assertEquals("2024-11-01T00:00:00-05:00", ph.get(0));
    }

    /**
     * A day's figure against the hand-worked one: Δ = down − up; CO₂ = K·Δ·Q; u_ca = K·Q·√(u_up² + u_down²);
     * u_flow = K·|Δ|·Q·0.02 (the plant's own meter, not the 0.05 default); u = √(u_ca² + u_flow²); conservative =
     * CO₂ − 1.645·u.
     */
    private static JsonPath expect(LocalDate day, double flowMgd, double up, double down, double uUp, double uDown) {
        JsonPath d = Pipeline.json("/api/v1/removals/" + PLANT + "/" + day);
        assertEquals("VALID", d.getString("flag"), day.toString());
        assertEquals(flowMgd, d.getDouble("flow_mgd"), 1e-12 * flowMgd, day + " flow");
        assertEquals(up, d.getDouble("ca_upstream_mg_per_l"), 1e-12 * up, day + " upstream");
        assertEquals(down, d.getDouble("ca_downstream_mg_per_l"), 1e-12 * down, day + " downstream");
        double co2 = K * (down - up) * flowMgd;
        double uCa = K * flowMgd * Math.sqrt(uUp * uUp + uDown * uDown);
        double uFlow = K * Math.abs(down - up) * flowMgd * METER_U;
        double u = Math.sqrt(uCa * uCa + uFlow * uFlow);
        assertEquals(co2, d.getDouble("co2_t"), 1e-10 * co2, day + " co2");
        assertEquals(uFlow, d.getDouble("u_co2_flow_t"), 1e-10 * uFlow, day + " u flow");
        assertEquals(uCa, d.getDouble("u_co2_ca_t"), 1e-10 * uCa, day + " u ca");
        assertEquals(co2 - 1.645 * u, d.getDouble("conservative_co2_t"), 1e-10 * co2, day + " conservative");
        return d;
    }
}
