package org.carbonmrv.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.carbonmrv.devstack.EmbeddedPostgresTestResource;
import org.carbonmrv.devstack.SensorLogs;
import org.carbonmrv.devstack.TestPlants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Sensor timestamps as instants: a log in the plant's local time across America/New_York's 2024 transitions
 * (10 March: 02:00 EST becomes 03:00 EDT; 3 November: 02:00 EDT becomes 01:00 EST), a log kept in UTC, one with
 * offsets, and a leap day.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresTestResource.class)
class LocalTimeTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @BeforeEach
    void plant() {
        TestPlants.register("PLANT_NY");
    }

    private static JsonPath upload(String csv, String kind, int status) {
        var req = given().multiPart("file", "log.csv", csv.getBytes(StandardCharsets.UTF_8));
        if (kind != null) {
            req = req.multiPart("kind", kind);
        }
        return req.post("/api/v1/uploads").then().statusCode(status).extract().jsonPath();
    }

    private static List<String> readings(String sensor, String from, String to) {
        return given().get("/api/v1/plants/PLANT_NY/sensor-readings?size=10000&sensor=" + sensor + "&from=" + from
                + "&to=" + to).then().statusCode(200).extract().jsonPath().getList("items.ts");
    }

    @Test
    void springForwardDayHas1380LocalMinutesEachAnInstant() {
        List<String> local = SensorLogs.localMinutes(LocalDateTime.of(2024, 3, 10, 0, 0), 1380, NEW_YORK);
        assertEquals("2024-03-10 01:59:00", local.get(119));
        assertEquals("2024-03-10 03:00:00", local.get(120), "the logger's clock skips 02:00-02:59");
        upload(SensorLogs.csv("PLANT_NY", "PH_SPRING", local, 7.1), null, 201);
        List<String> ts = readings("PH_SPRING", "2024-03-10T00:00:00", "2024-03-11T00:00:00");
        assertEquals(1380, ts.size(), "the whole local day");
        assertEquals("2024-03-10T01:59:00-05:00", ts.get(119));
        assertEquals("2024-03-10T03:00:00-04:00", ts.get(120));
        assertEquals(60, OffsetDateTime.parse(ts.get(120)).toEpochSecond()
                - OffsetDateTime.parse(ts.get(119)).toEpochSecond(), "one minute of real time");
    }

    @Test
    void aLocalTimeTheSpringForwardSkipsIsRefusedWithItsRow() {
        String csv = SensorLogs.csv("PLANT_NY", "PH_GAP", List.of("2024-03-10 01:59:00", "2024-03-10 02:30:00"), 7);
        JsonPath p = upload(csv, null, 422);
        assertEquals(3, p.getInt("errors[0].row"));
        assertEquals("Timestamp", p.getString("errors[0].column"));
        assertTrue(p.getString("errors[0].reason").contains("does not exist in America/New_York"),
                p.getString("errors[0].reason"));
    }

    @Test
    void fallBackDayLogsTheRepeatedHourTwiceInOrderAndKeepsBoth() {
        List<String> local = SensorLogs.localMinutes(LocalDateTime.of(2024, 11, 3, 0, 0), 1500, NEW_YORK);
        assertEquals("2024-11-03 01:59:00", local.get(119));
        assertEquals("2024-11-03 01:00:00", local.get(120), "the clock goes back an hour");
        upload(SensorLogs.csv("PLANT_NY", "PH_FALL", local, 7.2), null, 201);
        List<String> ts = readings("PH_FALL", "2024-11-03T00:00:00", "2024-11-04T00:00:00");
        assertEquals(1500, ts.size(), "the whole local day");
        assertEquals("2024-11-03T01:30:00-04:00", ts.get(90));
        assertEquals("2024-11-03T01:30:00-05:00", ts.get(150));
        assertEquals(1500, ts.stream().map(t -> OffsetDateTime.parse(t).toInstant()).distinct().count(),
                "no two readings at one instant");
    }

    @Test
    void aRepeatedHourWithoutOrderReadsAsDuplicatesOfTheFirst() {
        // each minute of 01:00-01:04 twice in a row: nothing tells the two hours apart
        List<String> local = new java.util.ArrayList<>();
        for (int m = 0; m < 5; m++) {
            String t = String.format("2024-11-03 01:%02d:00", m);
            local.add(t);
            local.add(t);
        }
        upload(SensorLogs.csv("PLANT_NY", "PH_SORTED", local, 7.3), null, 201);
        List<String> ts = readings("PH_SORTED", "2024-11-03T00:00:00", "2024-11-04T00:00:00");
        assertEquals(10, ts.size());
        assertEquals(5, ts.stream().distinct().count(), "read as the first pass: duplicates, which qaqc flags");
        assertTrue(ts.stream().allMatch(t -> t.endsWith("-04:00")), ts.toString());
    }

    /** A layout like sensor-ph whose timestamp column is {@code column}, read as {@code zone}. */
    @SuppressWarnings("unchecked")
    private static void putLayout(String id, String column, String zone, int status) {
        List<Map<String, Object>> versions = given().get("/api/v1/layouts/sensor-ph").then().extract().jsonPath()
                .getList("$");
        Map<String, Object> def = new HashMap<>((Map<String, Object>) versions.get(versions.size() - 1)
                .get("definition"));
        Map<String, Object> columns = new HashMap<>((Map<String, Object>) def.get("columns"));
        columns.put("timestamp", column);
        def.put("columns", columns);
        // its own detection, so that the corpus' logs stay unambiguous for the other tests
        def.put("detect", Map.of("required_headers", List.of(column, "Measurement value", "sensor_id")));
        def.put("timestamp_zone", zone);
        given().contentType(ContentType.JSON).body(Map.of("record_type", "sensor", "format", "csv", "definition", def))
                .put("/api/v1/layouts/" + id).then().statusCode(status);
    }

    @Test
    void aLogKeptInUtcOrWithOffsetsIsReadSo() {
        putLayout("sensor-ph-utc", "Timestamp UTC", "UTC", 201);
        // 04:00 UTC on 1 July is midnight in New York (EDT, UTC-4)
        upload(SensorLogs.csv("PLANT_NY", "PH_UTC", List.of("2024-07-01 04:00:00", "2024-07-01 04:01:00"), 7)
                .replaceFirst("^Timestamp", "Timestamp UTC"), null, 201);
        assertEquals(List.of("2024-07-01T00:00:00-04:00", "2024-07-01T00:01:00-04:00"),
                readings("PH_UTC", "2024-07-01T00:00:00", "2024-07-02T00:00:00"));
        putLayout("sensor-ph-offset", "Timestamp ISO", "offset", 201);
        upload(SensorLogs.csv("PLANT_NY", "PH_OFFSET", List.of("2024-11-03T01:30:00-04:00",
                "2024-11-03T01:30:00-05:00", "2024-11-03T06:31:00Z"), 7).replaceFirst("^Timestamp", "Timestamp ISO"),
                null, 201);
        assertEquals(List.of("2024-11-03T01:30:00-04:00", "2024-11-03T01:30:00-05:00", "2024-11-03T01:31:00-05:00"),
                readings("PH_OFFSET", "2024-11-03T00:00:00", "2024-11-04T00:00:00"));
        putLayout("sensor-ph-mars", "Timestamp Mars", "Mars/Olympus", 400);
    }

    @Test
    void aLeapDayIsADay() {
        List<String> local = SensorLogs.localMinutes(LocalDateTime.of(2024, 2, 29, 23, 58), 4, NEW_YORK);
        upload(SensorLogs.csv("PLANT_NY", "PH_LEAP", local, 7.4), null, 201);
        assertEquals(List.of("2024-02-29T23:58:00-05:00", "2024-02-29T23:59:00-05:00", "2024-03-01T00:00:00-05:00",
                "2024-03-01T00:01:00-05:00"), readings("PH_LEAP", "2024-02-29T00:00:00", "2024-03-02T00:00:00"));
        JsonPath bad = upload(SensorLogs.csv("PLANT_NY", "PH_LEAP2", List.of("2023-02-29 12:00:00"), 7), null, 422);
        assertTrue(bad.getString("errors[0].reason").contains("is not a timestamp"));
    }
}
