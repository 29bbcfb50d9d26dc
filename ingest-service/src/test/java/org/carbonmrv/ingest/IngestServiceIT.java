package org.carbonmrv.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.io.File;

import org.carbonmrv.devstack.EmbeddedPostgresTestResource;
import org.carbonmrv.devstack.IdleHeapChecks;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.DisabledOnIntegrationTest;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The packaged artifact (jar, or native binary under -Pnative): migrations, health, a .xlsx and a .xls (POI), a lab and a sensor CSV. */
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
        // the lab CSV: 344 results (corpus README); the sensor CSV: 19,980 minutes of one probe
        given().multiPart("file", new File("src/test/resources/samples/lab/IC_calcium.csv"))
                .post("/api/v1/uploads").then().statusCode(anyOf(is(201), is(200)))
                .body("status", equalTo("ACCEPTED")).body("counts.records_stored", equalTo(344));
        given().multiPart("file", new File("src/test/resources/samples/sensors/PH0101_PH_2024.csv"))
                .multiPart("plant", "PLANT_A").post("/api/v1/uploads").then().statusCode(anyOf(is(201), is(200)))
                .body("status", equalTo("ACCEPTED")).body("counts.records_stored", equalTo(19980));
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo("ingest-service API"));
    }

    /** Native only: the JVM's collector has its own settings, and the trim is not installed there. */
    @Test
    @DisabledOnIntegrationTest(forArtifactTypes = DisabledOnIntegrationTest.ArtifactType.JAR)
    void givesItsEmptyHeapChunksBackOnceQuiet() throws InterruptedException {
        IdleHeapChecks.assertHeapTrimmedOnceQuiet();
    }
}
