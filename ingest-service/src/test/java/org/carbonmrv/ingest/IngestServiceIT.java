package org.carbonmrv.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.io.File;

import org.carbonmrv.devstack.EmbeddedPostgresTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The packaged artifact (jar, or native binary under -Pnative): migrations, health, an Excel upload (POI). */
@QuarkusIntegrationTest
@WithTestResource(EmbeddedPostgresTestResource.class)
class IngestServiceIT {

    /** A file for an unregistered plant is refused: the plants these tests upload for. */
    @org.junit.jupiter.api.BeforeEach
    void registerPlants() {
        org.carbonmrv.ingest.RegisteredPlants.ensure();
    }

    @Test
    void uploadsAWorkbookAndAnswersHealth() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().multiPart("file", new File("src/test/resources/samples/ops/PLANT_B-MPOR_Sample_06212024to07122024.xlsx"))
                .post("/api/v1/uploads").then().statusCode(anyOf(is(201), is(200)))
                .body("status", equalTo("ACCEPTED")).body("counts.records_stored", equalTo(22));
        given().multiPart("file", new File("src/test/resources/samples/ops/PLANT_A-OPS DATA-AUG24.xls"))
                .multiPart("plant", "PLANT_A").post("/api/v1/uploads").then().statusCode(anyOf(is(201), is(200)));
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo("ingest-service API"));
    }
}
