package org.carbonmrv.qaqc;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.carbonmrv.devstack.IdleHeapChecks;
import org.carbonmrv.devstack.IngestServiceTestResource;
import org.carbonmrv.devstack.SampleCorpus;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.DisabledOnIntegrationTest;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The packaged artifact (jar, or native binary under -Pnative): migrations, default configuration, and the corpus
 * graded by its own background worker, read back through the JSON endpoints (Jackson's snake-case naming,
 * reflection on the answer records).
 */
@QuarkusIntegrationTest
@WithTestResource(IngestServiceTestResource.class)
class QaqcServiceIT {

    @Test
    void startsWithItsDefaultConfiguration() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/api/v1/config").then().statusCode(200).body("version", greaterThanOrEqualTo(1));
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo("qaqc-service API"));
    }

    @Test
    void gradesTheCorpusInTheBackground() throws InterruptedException {
        SampleCorpus.uploadAll();
        long deadline = System.nanoTime() + 180_000_000_000L;
        int pending = -1;
        int done = 0;
        while (System.nanoTime() < deadline && (pending != 0 || done < 12)) {
            Thread.sleep(500);
            pending = given().get("/api/v1/jobs?status=PENDING").then().statusCode(200).extract().path("size()");
            done = given().get("/api/v1/jobs?status=DONE").then().statusCode(200).extract().path("size()");
        }
        assertEquals(0, pending, "every job of the corpus done within 3 minutes");
        assertTrue(done >= 12, "a job per upload of the corpus: " + done);
        assertEquals(0, (int) given().get("/api/v1/jobs?status=PARKED").then().statusCode(200).extract()
                .path("size()"));
        // the corpus README: PLANT_A logs two probes for 19,980 minutes; 344 lab results
        assertEquals(2 * 19980, (int) Corpus.json("/api/v1/grades?size=1&record_type=sensor&plant=PLANT_A")
                .getLong("total"));
        assertEquals(344, (int) Corpus.json("/api/v1/grades?size=1&record_type=lab").getLong("total"));
        List<Map<String, Object>> days = Corpus.json("/api/v1/grades/summary?plant=PLANT_A&from=2024-07-07&to="
                + "2024-07-07").getList("$");
        assertTrue(days.stream().anyMatch(d -> "sensor".equals(d.get("record_type"))), days.toString());
    }

    /** Native only: the JVM's collector has its own settings, and the trim is not installed there. */
    @Test
    @DisabledOnIntegrationTest(forArtifactTypes = DisabledOnIntegrationTest.ArtifactType.JAR)
    void givesItsEmptyHeapChunksBackOnceQuiet() throws InterruptedException {
        IdleHeapChecks.assertHeapTrimmedOnceQuiet();
    }
}
