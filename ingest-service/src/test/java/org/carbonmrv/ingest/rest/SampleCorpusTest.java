package org.carbonmrv.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.carbonmrv.devstack.EmbeddedPostgresTestResource;
import org.carbonmrv.ingest.Samples;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Every file of the sample corpus uploaded over HTTP, and what the read API then says. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresTestResource.class)
class SampleCorpusTest {

    /** A file for an unregistered plant is refused: the plants these tests upload for. */
    @org.junit.jupiter.api.BeforeEach
    void registerPlants() {
        org.carbonmrv.ingest.RegisteredPlants.ensure();
    }

    static final String[] PLANT_B_EXPORTS = {"PLANT_B-MPOR_Sample_06212024to07122024.xlsx",
            "PLANT_B-MPOR_Sample_07052024to07262024.xlsx", "PLANT_B-MPOR_Sample_07192024to08232024.xlsx",
            "PLANT_B-MPOR_Sample_08162024to09072024.xlsx", "PLANT_B-MPOR_Sample_08302024to09232024.xlsx",
            "PLANT_B-MPOR_Sample_09132024to10112024.xlsx"};

    static final Map<String, JsonPath> uploads = new HashMap<>();

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource dataSource;

    /** Once per test JVM (RestAssured knows the port only once tests run, hence not @BeforeAll). */
    @BeforeEach
    void uploadCorpus() {
        if (!uploads.isEmpty()) {
            return;
        }
        // PLANT_B newest first: which version is current must not depend on upload order.
        for (int i = PLANT_B_EXPORTS.length - 1; i >= 0; i--) {
            put("ops/" + PLANT_B_EXPORTS[i], null);
        }
        put("ops/PLANT_A-OPS DATA-JUL24.xlsx", "PLANT_A");
        put("ops/PLANT_A-OPS DATA-AUG24.xls", "PLANT_A");
        put("ops/PLANT_A-OPS DATA-SEPT24.xls", "PLANT_A");
        put("lab/IC_calcium.csv", null);
        put("sensors/PH0101_PH_2024.csv", null);
        put("sensors/PH0102_PH_2024.csv", null);
    }

    private void put(String file, String plant) {
        JsonPath json = Samples.upload(file, plant).statusCode(anyOf(is(201), is(200)))
                .body("status", equalTo("ACCEPTED")).extract().jsonPath(Samples.DOUBLES);
        uploads.put(file, json);
    }

    @Test
    void layoutsAreDetectedFromContent() {
        assertEquals("ops-mpor", uploads.get("ops/" + PLANT_B_EXPORTS[0]).getString("kind"));
        assertEquals("ops-operator-daily", uploads.get("ops/PLANT_A-OPS DATA-JUL24.xlsx").getString("kind"));
        assertEquals("ops-operator-daily", uploads.get("ops/PLANT_A-OPS DATA-AUG24.xls").getString("kind"));
        assertEquals("lab-calcium", uploads.get("lab/IC_calcium.csv").getString("kind"));
        assertEquals("sensor-ph", uploads.get("sensors/PH0101_PH_2024.csv").getString("kind"));
        assertEquals(List.of("PLANT_A", "PLANT_B"), uploads.get("lab/IC_calcium.csv").getList("plants"));
        assertEquals("PLANT_B", uploads.get("ops/" + PLANT_B_EXPORTS[0]).getString("plant"));
        assertEquals("2024-07-12T13:00:00-04:00", uploads.get("ops/" + PLANT_B_EXPORTS[0]).getString("generated_at"));
    }

    @Test
    void labReadingsKeepEveryRowAndColumn() {
        JsonPath lab = uploads.get("lab/IC_calcium.csv");
        assertEquals(344, lab.getInt("counts.records_stored"));
        int a = Samples.json("/api/v1/plants/PLANT_A/lab-readings?size=1").getInt("total");
        int b = Samples.json("/api/v1/plants/PLANT_B/lab-readings?size=1").getInt("total");
        assertEquals(344, a + b);
        JsonPath day = Samples.json("/api/v1/plants/PLANT_A/lab-readings?from=2024-07-02&to=2024-07-02"
                + "&parameter=calcium");
        // The re-run pair of PLANT_A_primary_clarifier_20240702_01, one without uncertainty.
        List<Map<String, Object>> up = day.getList("items.findAll { it.unique_id == "
                + "'PLANT_A_primary_clarifier_20240702_01' }");
        assertEquals(2, up.size());
        assertEquals(42.280573, ((Number) up.get(0).get("value")).doubleValue(), 0);
        assertNull(up.get(0).get("uncertainty"));
        assertEquals(41.0491, ((Number) up.get(1).get("value")).doubleValue(), 0);
        assertEquals(0.2339799, ((Number) up.get(1).get("uncertainty")).doubleValue(), 0);
        assertEquals("primary_clarifier", up.get(0).get("point"));
        assertEquals("mg/L", up.get(0).get("unit"));
        @SuppressWarnings("unchecked")
        Map<String, Object> meta = (Map<String, Object>) up.get(0).get("metadata");
        assertEquals("YASIC_IC_YYYYMMDD", meta.get("analytical_session_id"));
        assertEquals("1900-01-01", meta.get("date_generated"));
        assertEquals("raw_filename.csv", meta.get("source_file"));
        assertEquals(14, meta.size(), "23 columns, 9 mapped: 14 kept as metadata " + meta.keySet());
        assertEquals("IC_calcium.csv", up.get(0).get("file_name"));
        assertEquals(2, up.get(0).get("row_num"));
    }

    @Test
    void sensorLogsKeepNonNumericValuesAsText() {
        for (String f : new String[] {"sensors/PH0101_PH_2024.csv", "sensors/PH0102_PH_2024.csv"}) {
            JsonPath s = uploads.get(f);
            assertEquals(19980, s.getInt("counts.records_stored"), f);
            assertTrue(s.getInt("counts.records_stored") == s.getInt("counts.rows_read"));
        }
        JsonPath warn = uploads.get("sensors/PH0101_PH_2024.csv");
        List<String> reasons = warn.getList("warnings.reason");
        assertTrue(reasons.stream().anyMatch(r -> r.contains("'ERR'")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(r -> r.contains("empty value")), reasons.toString());
        int errRow = warn.getInt("warnings.find { it.reason.contains(\"'ERR'\") }.row");
        JsonPath page = Samples.json("/api/v1/plants/PLANT_A/sensor-readings?sensor=PH0101&size=10000&page=1");
        // row numbers are file lines: line 2 is the first reading, so page 1 (size 10000) starts at line 10002
        Map<String, Object> err = page.getMap("items.find { it.row_num == " + errRow + " }");
        assertEquals("ERR", err.get("raw_value"));
        assertNull(err.get("value"));
        assertEquals("PH0101", err.get("sensor_id"));
    }

    @Test
    void sensorUploadsRecordTheirSpanPerSeries() throws Exception {
        for (String sensor : new String[] {"PH0101", "PH0102"}) {
            long upload = uploads.get("sensors/" + sensor + "_PH_2024.csv").getLong("id");
            try (java.sql.Connection c = dataSource.getConnection(); java.sql.PreparedStatement ps = c.prepareStatement(
                    "select plant, sensor_id, (first_ts at time zone 'America/New_York')::text, (last_ts at time zone "
                            + "'America/New_York')::text, readings, (select count(*) from "
                            + "ingest.v_sensor_reading r where r.upload_id = u.upload_id and r.series_id = u.series_id) "
                            + "from ingest.v_sensor_upload_series u where upload_id = ?")) {
                ps.setLong(1, upload);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next(), sensor);
                    assertEquals("PLANT_A " + sensor + " 2024-07-01 00:00:00 2024-07-14 23:59:00 19980 19980",
                            rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4)
                                    + " " + rs.getInt(5) + " " + rs.getInt(6));
                    assertFalse(rs.next(), "one series per file");
                }
            }
        }
    }

    @Test
    void plantADaysFromXlsAndXlsxHaveTheSameShape() throws IOException {
        assertEquals(31, uploads.get("ops/PLANT_A-OPS DATA-JUL24.xlsx").getInt("counts.records_stored"));
        assertEquals(31, uploads.get("ops/PLANT_A-OPS DATA-AUG24.xls").getInt("counts.records_stored"));
        assertEquals(30, uploads.get("ops/PLANT_A-OPS DATA-SEPT24.xls").getInt("counts.records_stored"));
        for (String f : new String[] {"ops/PLANT_A-OPS DATA-JUL24.xlsx", "ops/PLANT_A-OPS DATA-AUG24.xls"}) {
            Map<String, Integer> skipped = uploads.get(f).getMap("counts.rows_skipped");
            assertEquals(Set.of("summary row (Sum)", "summary row (Avg)", "summary row (Max)", "summary row (Min)",
                    "summary row (Count)", "summary row (Formula)"), skipped.keySet(), f);
        }
        JsonPath jul = Samples.json("/api/v1/plants/PLANT_A/operations?from=2024-07-31&to=2024-07-31");
        JsonPath aug = Samples.json("/api/v1/plants/PLANT_A/operations?from=2024-08-01&to=2024-08-01");
        Map<String, Object> j = jul.getMap("items[0]");
        Map<String, Object> a = aug.getMap("items[0]");
        assertEquals(j.keySet(), a.keySet());
        assertEquals(((Map<?, ?>) j.get("source_columns")), a.get("source_columns"));
        assertEquals(new TreeSet<>(((Map<?, ?>) j.get("other_values")).keySet()),
                new TreeSet<>(((Map<?, ?>) a.get("other_values")).keySet()));
        assertEquals(74, ((Map<?, ?>) j.get("other_values")).size(), "80 columns: date + 5 mapped + 74 others");
        assertEquals("B: Plnt Ef / 50050 / FLOW MGD / MGD / Daily",
                ((Map<?, ?>) j.get("source_columns")).get("effluent_flow_mgd"));
        assertEquals(25.2, ((Number) j.get("effluent_flow_mgd")).doubleValue(), 0);
    }

    @Test
    void everyFlowEqualsTheExpectedCurrentValue() throws IOException {
        Map<String, Map<String, Double>> api = new HashMap<>();
        for (String plant : new String[] {"PLANT_A", "PLANT_B"}) {
            JsonPath ops = Samples.json("/api/v1/plants/" + plant + "/operations?size=1000");
            Map<String, Double> byDay = new HashMap<>();
            List<Map<String, Object>> items = ops.getList("items");
            for (Map<String, Object> d : items) {
                Object flow = d.get("effluent_flow_mgd");
                byDay.put((String) d.get("day"), flow == null ? null : ((Number) flow).doubleValue());
            }
            api.put(plant, byDay);
        }
        int compared = 0;
        for (String[] row : expectedRows()) {
            if (row[3].isEmpty()) {
                continue; // NO_OPS_DATA
            }
            Double flow = api.get(row[0]).get(row[1]);
            assertEquals(Double.parseDouble(row[3]), flow, 0, row[0] + " " + row[1]);
            compared++;
        }
        assertTrue(compared > 190, "compared " + compared);
    }

    @Test
    void laterExportsWinAndEarlierVersionsStayQueryable() {
        // 2024-07-08 was revised by the next export: 8.708 → 8.739
        JsonPath revised = Samples.json("/api/v1/plants/PLANT_B/operations?from=2024-07-08&to=2024-07-08"
                + "&versions=true");
        assertEquals(2, revised.getList("items").size());
        assertEquals(8.739, revised.getDouble("items[0].effluent_flow_mgd"), 0);
        assertTrue(revised.getBoolean("items[0].current"));
        assertTrue(revised.getBoolean("items[0].revised"));
        assertEquals(8.708, revised.getDouble("items[1].effluent_flow_mgd"), 0);
        assertFalse(revised.getBoolean("items[1].current"));
        assertEquals("PLANT_B-MPOR_Sample_07052024to07262024.xlsx", revised.getString("items[0].file_name"));
        // an export's incomplete last day (flow 0) is superseded by the next export's real value
        JsonPath lastDay = Samples.json("/api/v1/plants/PLANT_B/operations?from=2024-07-12&to=2024-07-12"
                + "&versions=true");
        assertEquals(9.074, lastDay.getDouble("items[0].effluent_flow_mgd"), 0);
        assertEquals(0.0, lastDay.getDouble("items[1].effluent_flow_mgd"), 0);
        // the last export's last day has no later export: its 0 stays current
        JsonPath end = Samples.json("/api/v1/plants/PLANT_B/operations?from=2024-10-11&to=2024-10-11");
        assertEquals(0.0, end.getDouble("items[0].effluent_flow_mgd"), 0);
        assertEquals(1, end.getInt("items[0].version_count"));
        // the current list has one row a day
        JsonPath all = Samples.json("/api/v1/plants/PLANT_B/operations?size=1000");
        List<String> days = all.getList("items.day");
        assertEquals(days.size(), new TreeSet<>(days).size());
        assertEquals(113, days.size());
    }

    @Test
    void sameBytesAgainReturnTheExistingUpload() throws IOException {
        JsonPath first = uploads.get("lab/IC_calcium.csv");
        int before = Samples.json("/api/v1/uploads?size=1").getInt("total");
        Samples.upload("lab/IC_calcium.csv", null).statusCode(200).body("id", equalTo(first.getInt("id")));
        assertEquals(before, Samples.json("/api/v1/uploads?size=1").getInt("total"));
    }

    @Test
    void originalBytesComeBackUnchanged() throws IOException {
        for (String f : new String[] {"ops/PLANT_A-OPS DATA-AUG24.xls", "sensors/PH0102_PH_2024.csv"}) {
            int id = uploads.get(f).getInt("id");
            byte[] back = given().get("/api/v1/uploads/" + id + "/file").then().statusCode(200)
                    .header("X-Content-SHA256", uploads.get(f).getString("sha256")).extract().asByteArray();
            assertArrayEquals(Files.readAllBytes(Samples.file(f).toPath()), back, f);
        }
    }

    @Test
    void uploadsCanBeListedAndFiltered() {
        given().get("/api/v1/uploads?plant=PLANT_B&kind=ops-mpor&status=ACCEPTED").then().statusCode(200)
                .body("total", equalTo(6));
        given().get("/api/v1/uploads?plant=PLANT_A&kind=sensor-ph").then().statusCode(200)
                .body("total", equalTo(2)).body("items.file_name", hasItem("PH0101_PH_2024.csv"));
        given().get("/api/v1/uploads?received_from=2000-01-01T00:00:00Z&size=2").then().statusCode(200)
                .body("items.size()", equalTo(2));
        given().get("/api/v1/uploads?status=MAYBE").then().statusCode(400);
        given().get("/api/v1/uploads/999999").then().statusCode(404)
                .contentType("application/problem+json");
    }

    static List<String[]> expectedRows() throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                Files.newInputStream(Samples.file("daily_removals.csv").toPath()), StandardCharsets.UTF_8))) {
            r.readLine();
            String line;
            while ((line = r.readLine()) != null) {
                rows.add(line.split(",", -1));
            }
        }
        return rows;
    }
}
