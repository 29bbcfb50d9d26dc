package org.carbonmrv.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import jakarta.inject.Inject;

import org.carbonmrv.devstack.EmbeddedPostgresTestResource;
import org.carbonmrv.ingest.BadFiles;
import org.carbonmrv.ingest.Db;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

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

    private static final String BOUNDARY = "----streaming-test-7d1f";

    @Inject
    AgroalDataSource dataSource;

    private static String lab(String plant) {
        return BadFiles.head(BadInputTest.LAB, 11).replace("PLANT_A", plant);
    }

    @Test
    void fieldsBeforeTheFileAreUsedWhileItIsParsed() {
        given().contentType("multipart/form-data; boundary=" + BOUNDARY)
                .body(body(field("kind", "lab-calcium"), field("plant", "PLANT_S1"), file("s1.csv", lab("PLANT_S1"))))
                .post("/api/v1/uploads").then().statusCode(201).body("kind", equalTo("lab-calcium"))
                .body("plants[0]", equalTo("PLANT_S1")).body("counts.records_stored", equalTo(10));
    }

    /**
     * The file names its plant, so parsing it without the plant field succeeds; the plant field that follows the
     * file contradicts it. The answer must be the one for the whole request: refused, and nothing of the first
     * parse kept.
     */
    @Test
    void aFieldAfterTheFileIsHonouredAsIfItHadComeFirst() {
        String csv = lab("PLANT_S2");
        given().contentType("multipart/form-data; boundary=" + BOUNDARY)
                .body(body(file("s2.csv", csv), field("plant", "PLANT_OTHER")))
                .post("/api/v1/uploads").then().statusCode(422)
                .body("detail", containsString("the file names plant 'PLANT_S2' but the upload says 'PLANT_OTHER'"));
        given().get("/api/v1/uploads?plant=PLANT_S2&status=ACCEPTED").then().statusCode(200)
                .body("total", equalTo(0));
        // the same bytes with an agreeing field after them: accepted once
        given().contentType("multipart/form-data; boundary=" + BOUNDARY)
                .body(body(file("s2.csv", csv), field("plant", "PLANT_S2")))
                .post("/api/v1/uploads").then().statusCode(201).body("counts.records_stored", equalTo(10));
        given().contentType("multipart/form-data; boundary=" + BOUNDARY)
                .body(body(file("s2-again.csv", csv))).post("/api/v1/uploads").then().statusCode(200);
    }

    /**
     * Bytes accepted before are answered with that upload (200) whatever fields come with them, also when the
     * contradicting field comes first and the file is parsed (and refused) before its hash is known.
     */
    @Test
    void acceptedBytesSentAgainWithAContradictingFieldGiveTheExistingUpload() {
        String csv = lab("PLANT_S6");
        int id = given().contentType("multipart/form-data; boundary=" + BOUNDARY).body(body(file("s6.csv", csv)))
                .post("/api/v1/uploads").then().statusCode(201).extract().path("id");
        given().contentType("multipart/form-data; boundary=" + BOUNDARY)
                .body(body(field("plant", "PLANT_OTHER"), file("s6.csv", csv))).post("/api/v1/uploads").then()
                .statusCode(200).body("id", equalTo(id));
        given().contentType("multipart/form-data; boundary=" + BOUNDARY)
                .body(body(file("s6.csv", csv), field("plant", "PLANT_OTHER"))).post("/api/v1/uploads").then()
                .statusCode(200).body("id", equalTo(id));
    }

    @Test
    void aBodyCutBeforeItsEndIs400AndRecordsNothing() {
        Map<String, Long> before = Db.counts(dataSource);
        byte[] whole = body(field("plant", "PLANT_S3"), file("s3.csv", lab("PLANT_S3")));
        given().contentType("multipart/form-data; boundary=" + BOUNDARY).body(Arrays.copyOf(whole, whole.length - 60))
                .post("/api/v1/uploads").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("unreadable multipart body"));
        assertEquals(before, Db.counts(dataSource));
    }

    @Test
    void twoFilesInOneRequestAre400AndRecordNothing() {
        Map<String, Long> before = Db.counts(dataSource);
        given().contentType("multipart/form-data; boundary=" + BOUNDARY)
                .body(body(file("a.csv", lab("PLANT_S4")), file("b.csv", lab("PLANT_S5"))))
                .post("/api/v1/uploads").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("more than one 'file' part"));
        assertEquals(before, Db.counts(dataSource));
    }

    @Test
    void aNonMultipartBodyIs400() {
        given().contentType("multipart/form-data").body("plain text".getBytes(StandardCharsets.UTF_8)).post("/api/v1/uploads").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("boundary"));
    }

    private static byte[] field(String name, String value) {
        return ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] file(String fileName, String content) {
        return ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/csv\r\n\r\n" + content + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] body(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
