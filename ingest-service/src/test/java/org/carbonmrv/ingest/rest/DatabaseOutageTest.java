package org.carbonmrv.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.carbonmrv.devstack.EmbeddedPostgres;
import org.carbonmrv.devstack.EmbeddedPostgresTestResource;
import org.carbonmrv.devstack.TestPlants;
import org.carbonmrv.ingest.BadFiles;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The database restarts under a running service (an RDS failover or maintenance does this): the requests that meet
 * the outage get 503 problem+json with Retry-After and store nothing; the first request after each restart is
 * served (the pool validates each connection it lends, so none left stale by the restart reaches a request).
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresTestResource.class)
class DatabaseOutageTest {

    private static final String PLANT = "PLANT_OUTAGE";

    /** A sensor log of {@code rows} readings of the plant: each count gives new bytes (not a repeat). */
    private static String log(int rows) {
        return BadFiles.head(BadInputTest.SENSOR, rows + 1).replace("PLANT_A", PLANT);
    }

    private static Response upload(String name, String csv) {
        return given().multiPart("file", BadFiles.text(name, csv).toFile()).post("/api/v1/uploads");
    }

    private static int accepted() {
        return given().queryParam("plant", PLANT).queryParam("status", "ACCEPTED").get("/api/v1/uploads").then()
                .statusCode(200).extract().jsonPath().getInt("total");
    }

    /** The embedded server this test may stop, with the test's plant registered. */
    private static EmbeddedPostgres embedded() {
        Assumptions.assumeTrue(System.getenv("QUARKUS_DATASOURCE_JDBC_URL") == null,
                "restarts the embedded server: not a database the environment names");
        TestPlants.register(PLANT);
        return EmbeddedPostgresTestResource.shared();
    }

    private static void assertUnavailable(Response r, String what) {
        assertEquals(503, r.statusCode(), what + ": " + r.asString());
        assertTrue(r.contentType().startsWith("application/problem+json"), what + ": " + r.contentType());
        assertNotNull(r.header("Retry-After"), what + " says when to retry");
    }

    @Test
    void onlyTheRequestsThatMeetARestartFailAndThoseWith503() throws Exception {
        EmbeddedPostgres pg = embedded();
        upload("before.csv", log(10)).then().statusCode(201);
        int expected = accepted();
        for (int restart = 1; restart <= 3; restart++) {
            pg.stopForOutage();
            try {
                assertUnavailable(upload("during-" + restart + ".csv", log(100 + restart)), "restart " + restart);
                assertEquals(503, given().get("/q/health/ready").statusCode(), "not ready without the database");
            } finally {
                pg.startAgain();
            }
            upload("after-" + restart + ".csv", log(10 + restart)).then().statusCode(201);
            expected++;
            assertEquals(expected, accepted(), "nothing of the refused uploads is recorded as accepted");
        }
    }

    /** An upload whose transaction is open when the server goes away: 503, nothing stored, the next one served. */
    @Test
    void anUploadInFlightWhenTheDatabaseGoesAwayGets503() throws Exception {
        EmbeddedPostgres pg = embedded();
        int before = accepted();
        // 1,000 readings in 2 KB pieces 100 ms apart: about 3.5 s on the wire, parsed from its first bytes
        byte[] csv = log(999).getBytes(StandardCharsets.UTF_8);
        CompletableFuture<Response> inFlight = CompletableFuture.supplyAsync(() -> UploadLimitTest.dripped(
                "in-flight.csv", csv, 2048));
        Thread.sleep(1500);
        pg.stopForOutage();
        Response r;
        try {
            r = inFlight.get(60, TimeUnit.SECONDS);
        } finally {
            pg.startAgain();
        }
        assertUnavailable(r, "the upload in flight");
        assertEquals(before, accepted(), "the upload in flight stored nothing");
        upload("after-in-flight.csv", log(20)).then().statusCode(201);
    }
}
