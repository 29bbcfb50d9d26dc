package org.carbonmrv.mrv;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.carbonmrv.devstack.IdleHeapChecks;
import org.carbonmrv.devstack.PipelineTestResource;
import org.carbonmrv.devstack.SampleCorpus;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.DisabledOnIntegrationTest;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The packaged artifact (jar, or native binary under -Pnative) in the running pipeline: the corpus uploaded to the
 * packaged ingest-service, graded by the packaged qaqc-service, computed by this artifact's own worker; the XLSX
 * export exercises POI in the packaged form, a statement's PDF report openhtmltopdf and PDFBox.
 */
@QuarkusIntegrationTest
@WithTestResource(PipelineTestResource.class)
class MrvServiceIT {

    @Test
    void computesTheCorpusInTheBackground() throws Exception {
        SampleCorpus.uploadAll();
        long deadline = System.nanoTime() + 180_000_000_000L;
        int total = 0;
        while (System.nanoTime() < deadline && total < 205) {
            total = given().get("/api/v1/removals?size=1").then().statusCode(200).extract().path("total");
            Thread.sleep(500);
        }
        assertEquals(205, total, "every plant-day of the corpus computed by the background worker");
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        byte[] xlsx = given().get("/api/v1/removals/export?format=xlsx&plant=PLANT_A").then().statusCode(200)
                .extract().asByteArray();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            assertEquals(92, wb.getSheet("days").getLastRowNum());
        }
        statementPdfRenders();
        // the dashboard in the packaged form: templates rendered, the mvnpm assets served from the artifact
        String page = given().get("/dashboard?plant=PLANT_B").then().statusCode(200).extract().asString();
        assertTrue(page.contains("id=\"chart-data\"") && page.contains("PLANT_B"), "dashboard rendered");
        for (String asset : List.of("/_static/htmx.org/2.0.2/dist/htmx.min.js",
                "/_static/echarts/6.0.0/dist/echarts.min.js", "/dashboard-assets/dashboard.js")) {
            given().get(asset).then().statusCode(200);
        }
    }

    /** A week approved and issued, its PDF report in the packaged form (openhtmltopdf, PDFBox, their fonts). */
    private static void statementPdfRenders() throws Exception {
        given().contentType(ContentType.JSON).body(Map.of("plant", "PLANT_A", "from", "2024-07-01", "to",
                "2024-07-07", "decision", "APPROVED", "comment", "week checked")).post("/api/v1/approvals").then()
                .statusCode(201);
        JsonPath s = given().contentType(ContentType.JSON).body(Map.of("plant", "PLANT_A", "from", "2024-07-01",
                "to", "2024-07-07", "comment", "packaged form")).post("/api/v1/statements").then()
                .statusCode(201).extract().jsonPath();
        String credited = String.format(Locale.ROOT, "%,.3f", s.getDouble("conservative_co2_t"));
        byte[] pdf = given().get("/api/v1/statements/" + s.getLong("id") + "/report.pdf").then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();
        try (var doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains(credited) && text.contains("PLANT_A"), "the PDF names the plant and " + credited);
        }
    }

    /** Native only: the JVM's collector has its own settings, and the trim is not installed there. */
    @Test
    @DisabledOnIntegrationTest(forArtifactTypes = DisabledOnIntegrationTest.ArtifactType.JAR)
    void givesItsEmptyHeapChunksBackOnceQuiet() throws InterruptedException {
        IdleHeapChecks.assertHeapTrimmedOnceQuiet();
    }
}
