package org.carbonmrv.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import jakarta.inject.Inject;

import org.carbonmrv.devstack.EmbeddedPostgresTestResource;
import org.carbonmrv.devstack.Multipart;
import org.carbonmrv.ingest.BadFiles;
import org.carbonmrv.ingest.Db;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * A CSV is parsed while its part arrives, with the form fields sent before it. These requests are written byte by
 * byte so that the order of the parts and the framing are exactly as stated.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresTestResource.class)
class StreamingUploadTest {

    /** A file for an unregistered plant is refused: the plants these tests upload for. */
    @org.junit.jupiter.api.BeforeEach
    void registerPlants() {
        org.carbonmrv.ingest.RegisteredPlants.ensure();
    }

    private static final String CSV = "text/csv";

    @Inject
    AgroalDataSource dataSource;

    private static String lab(String plant) {
        return BadFiles.head(BadInputTest.LAB, 11).replace("PLANT_A", plant);
    }

    @Test
    void fieldsBeforeTheFileAreUsedWhileItIsParsed() {
        upload(form().field("kind", "lab-calcium").field("plant", "PLANT_S1").file("s1.csv", CSV, lab("PLANT_S1")))
                .then().statusCode(201).body("kind", equalTo("lab-calcium")).body("plants[0]", equalTo("PLANT_S1"))
                .body("counts.records_stored", equalTo(10));
    }

    /**
     * The file names its plant, so parsing it without the plant field succeeds; the plant field that follows the
     * file contradicts it. The answer must be the one for the whole request: refused, and nothing of the first
     * parse kept.
     */
    @Test
    void aFieldAfterTheFileIsHonouredAsIfItHadComeFirst() {
        String csv = lab("PLANT_S2");
        upload(form().file("s2.csv", CSV, csv).field("plant", "PLANT_OTHER")).then().statusCode(422)
                .body("detail", containsString("the file names plant 'PLANT_S2' but the upload says 'PLANT_OTHER'"));
        given().get("/api/v1/uploads?plant=PLANT_S2&status=ACCEPTED").then().statusCode(200)
                .body("total", equalTo(0));
        // the same bytes with an agreeing field after them: accepted once
        upload(form().file("s2.csv", CSV, csv).field("plant", "PLANT_S2")).then().statusCode(201)
                .body("counts.records_stored", equalTo(10));
        upload(form().file("s2-again.csv", CSV, csv)).then().statusCode(200);
    }

    /**
     * Bytes accepted before are answered with that upload (200) whatever fields come with them, also when the
     * contradicting field comes first and the file is parsed (and refused) before its hash is known.
     */
    @Test
    void acceptedBytesSentAgainWithAContradictingFieldGiveTheExistingUpload() {
        String csv = lab("PLANT_S6");
        int id = upload(form().file("s6.csv", CSV, csv)).then().statusCode(201).extract().path("id");
        upload(form().field("plant", "PLANT_OTHER").file("s6.csv", CSV, csv)).then().statusCode(200)
                .body("id", equalTo(id));
        upload(form().file("s6.csv", CSV, csv).field("plant", "PLANT_OTHER")).then().statusCode(200)
                .body("id", equalTo(id));
    }

    @Test
    void aBodyCutBeforeItsEndIs400AndRecordsNothing() {
        Map<String, Long> before = Db.counts(dataSource);
        byte[] whole = form().field("plant", "PLANT_S3").file("s3.csv", CSV, lab("PLANT_S3")).bytes();
        given().contentType(form().contentType()).body(Arrays.copyOf(whole, whole.length - 60))
                .post("/api/v1/uploads").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("unreadable multipart body"));
        assertEquals(before, Db.counts(dataSource));
    }

    @Test
    void twoFilesInOneRequestAre400AndRecordNothing() {
        Map<String, Long> before = Db.counts(dataSource);
        upload(form().file("a.csv", CSV, lab("PLANT_S4")).file("b.csv", CSV, lab("PLANT_S5"))).then()
                .statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("more than one 'file' part"));
        assertEquals(before, Db.counts(dataSource));
    }

    @Test
    void aNonMultipartBodyIs400() {
        given().contentType("multipart/form-data").body("plain text".getBytes(StandardCharsets.UTF_8)).post("/api/v1/uploads").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("boundary"));
    }

    /** A body of parts added in order, with the boundary these tests use. */
    private static Multipart form() {
        return new Multipart("----streaming-test-7d1f");
    }

    private static Response upload(Multipart body) {
        return given().contentType(body.contentType()).body(body.bytes()).post("/api/v1/uploads");
    }
}
