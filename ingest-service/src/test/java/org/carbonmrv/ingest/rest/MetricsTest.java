package org.carbonmrv.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.carbonmrv.devstack.EmbeddedPostgresTestResource;
import org.carbonmrv.devstack.Metrics;
import org.carbonmrv.devstack.TestPlants;
import org.carbonmrv.ingest.BadFiles;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** {@code /q/metrics} as Prometheus scrapes it: the platform's meters, and the upload meters moving with uploads. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresTestResource.class)
class MetricsTest {

    private static final String PLANT = "PLANT_METRICS";

    @Test
    void uploadsMoveTheUploadMeters() {
        TestPlants.register(PLANT);
        Metrics before = Metrics.scrape(null);
        JsonPath accepted = given().multiPart("file", BadFiles.text("metrics.csv", BadFiles.head(BadInputTest.SENSOR,
                41).replace("PLANT_A", PLANT)).toFile()).post("/api/v1/uploads").then().statusCode(201).extract()
                .jsonPath();
        int records = accepted.getInt("counts.records_stored");
        assertEquals(40, records, "40 readings below the header");
        given().multiPart("file", BadFiles.text("metrics-garbled.csv", "no,header,we,know\n1,2,3,4\n").toFile())
                .multiPart("plant", PLANT).post("/api/v1/uploads").then().statusCode(422);
        Metrics after = Metrics.scrape(null);

        assertEquals(1, after.sum("carbonmrv_uploads_total", "outcome", "accepted", "plant", PLANT)
                - before.sum("carbonmrv_uploads_total", "outcome", "accepted", "plant", PLANT));
        assertEquals(1, after.sum("carbonmrv_uploads_total", "outcome", "rejected")
                - before.sum("carbonmrv_uploads_total", "outcome", "rejected"));
        assertEquals(records, after.sum("carbonmrv_upload_records_total", "plant", PLANT)
                - before.sum("carbonmrv_upload_records_total", "plant", PLANT));
        assertEquals(2, after.sum("carbonmrv_upload_duration_seconds_count")
                - before.sum("carbonmrv_upload_duration_seconds_count"));
        assertTrue(after.sum("carbonmrv_upload_stored_bytes_sum") - before.sum("carbonmrv_upload_stored_bytes_sum")
                > 1000, "the accepted file's bytes");
    }

    @Test
    void thePlatformsMetersAreThere() {
        Metrics before = Metrics.scrape(null);
        for (int i = 0; i < 3; i++) {
            given().get("/api/v1/uploads").then().statusCode(200);
        }
        given().get("/api/v1/uploads/987654321").then().statusCode(404);
        given().get("/no/such/route").then().statusCode(404);
        Metrics m = Metrics.scrape(null);
        String count = "http_server_requests_seconds_count";
        assertEquals(3, m.sum(count, "uri", "/api/v1/uploads", "method", "GET", "status", "200")
                - before.sum(count, "uri", "/api/v1/uploads", "method", "GET", "status", "200"), "three list requests");
        assertEquals(1, m.sum(count, "uri", "/api/v1/uploads/{id}", "status", "404", "outcome", "CLIENT_ERROR")
                - before.sum(count, "uri", "/api/v1/uploads/{id}", "status", "404", "outcome", "CLIENT_ERROR"),
                "one series per route template, not per id");
        assertEquals(1, m.sum(count, "uri", "NOT_FOUND") - before.sum(count, "uri", "NOT_FOUND"),
                "an unmatched path is not a tag value");
        assertTrue(m.has("agroal_active_count"), "the connection pool");
        assertTrue(m.has("jvm_memory_used_bytes") || m.has("process_resident_memory_bytes"), "the process");
    }
}
