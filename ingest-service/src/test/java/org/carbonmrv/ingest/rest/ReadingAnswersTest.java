package org.carbonmrv.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import jakarta.inject.Inject;

import org.carbonmrv.devstack.EmbeddedPostgresTestResource;
import org.carbonmrv.devstack.SensorLogs;
import org.carbonmrv.devstack.TestPlants;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.DecoderConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * A plant-day of readings asked again is answered from memory while nothing of the plant has changed, and read
 * again once an upload, a new registration (a zone change) or a calibration of the plant commits; another plant's
 * upload leaves it kept.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresTestResource.class)
class ReadingAnswersTest {

    private static final String PLANT = "PLANT_KEPT";
    private static final String OTHER = "PLANT_KEPT_OTHER";
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    /** The plant's local day of 1 July, in its current zone. */
    private static final String URL = "/api/v1/plants/" + PLANT + "/sensor-readings?from=2024-07-01T00:00:00"
            + "&to=2024-07-02T00:00:00";

    @Inject
    MeterRegistry registry;

    @Test
    void aPlantDayIsKeptUntilThePlantChanges() throws IOException {
        register(PLANT, "America/New_York");
        register(OTHER, "America/New_York");
        upload(PLANT, LocalDateTime.of(2024, 7, 1, 0, 0), 30);
        List<String> first = readings();
        assertEquals(30, first.size());
        assertEquals("2024-07-01T00:29:00-04:00", first.get(29));

        double hits = count("hit");
        double misses = count("miss");
        assertEquals(first, readings());
        assertEquals(hits + 1, count("hit"), "nothing changed: from memory");
        assertEquals(misses, count("miss"));

        // asked again by a client that accepts gzip (REST Assured does): the same JSON, compressed
        io.restassured.response.Response zipped = given().config(RestAssured.config().decoderConfig(
                DecoderConfig.decoderConfig().noContentDecoders())).header("Accept-Encoding", "gzip").get(URL).then()
                .statusCode(200).extract().response();
        assertEquals("gzip", zipped.header("Content-Encoding"));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.asByteArray()))) {
            assertEquals(first, JsonPath.from(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .getList("items.ts"));
        }

        upload(OTHER, LocalDateTime.of(2024, 7, 1, 0, 0), 2);
        assertEquals(first, readings());
        assertEquals(hits + 3, count("hit"), "another plant's upload leaves the plant's answers kept");

        upload(PLANT, LocalDateTime.of(2024, 7, 1, 0, 30), 2);
        List<String> more = readings();
        assertEquals(misses + 1, count("miss"), "read again after the plant's upload");
        assertEquals(32, more.size());
        assertEquals("2024-07-01T00:31:00-04:00", more.get(31));

        // the plant moves to UTC: the local day asked for is UTC's now, and the readings (00:00-00:31 in New York,
        // 04:00-04:31 UTC) are in it with UTC's offset
        register(PLANT, "UTC");
        List<String> utc = readings();
        assertEquals(misses + 2, count("miss"), "read again after the zone change");
        assertEquals(32, utc.size());
        assertEquals(ZoneOffset.UTC, OffsetDateTime.parse(utc.get(0)).getOffset());
        assertEquals(OffsetDateTime.parse(more.get(0)).toInstant(), OffsetDateTime.parse(utc.get(0)).toInstant());

        given().contentType(ContentType.JSON).body(Map.of("plant", PLANT, "calibrated_at", "2024-07-02",
                "method", "one-point")).post("/api/v1/sensors/PH_KEPT/calibrations").then().statusCode(201);
        assertEquals(utc, readings());
        assertEquals(misses + 3, count("miss"), "read again after a calibration of the plant");
    }

    private static void register(String plant, String zone) {
        given().contentType(ContentType.JSON).body(TestPlants.entry(plant, zone)).put("/api/v1/plants/" + plant)
                .then().statusCode(201);
    }

    private static void upload(String plant, LocalDateTime from, int minutes) {
        String csv = SensorLogs.csv(plant, "PH_KEPT", SensorLogs.localMinutes(from, minutes, NEW_YORK), 7.1);
        given().multiPart("file", "log.csv", csv.getBytes(StandardCharsets.UTF_8)).post("/api/v1/uploads").then()
                .statusCode(201);
    }

    private static List<String> readings() {
        return given().get(URL).then().statusCode(200).extract().jsonPath().getList("items.ts");
    }

    private double count(String result) {
        return registry.get("carbonmrv.ingest.cache.requests").tag("cache", "sensor_readings").tag("result", result)
                .counter().count();
    }
}
