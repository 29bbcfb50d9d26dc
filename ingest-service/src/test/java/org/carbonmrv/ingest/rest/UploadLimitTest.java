package org.carbonmrv.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.carbonmrv.devstack.DrippingInputStream;
import org.carbonmrv.devstack.EmbeddedPostgresTestResource;
import org.carbonmrv.devstack.Multipart;
import org.carbonmrv.devstack.TestTokens;
import org.carbonmrv.ingest.BadFiles;
import org.carbonmrv.ingest.Samples;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * Limits: a file above the configured size gets 413, recorded as REJECTED, its bytes not kept; a file arriving more
 * slowly than a parse waits for it is still accepted.
 */
@QuarkusTest
@TestProfile(UploadLimitTest.SmallLimit.class)
@WithTestResource(EmbeddedPostgresTestResource.class)
class UploadLimitTest {

    /** A file for an unregistered plant is refused: the plants these tests upload for. */
    @org.junit.jupiter.api.BeforeEach
    void registerPlants() {
        org.carbonmrv.ingest.RegisteredPlants.ensure();
    }

    public static class SmallLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ingest.max-upload-bytes", "100000", "quarkus.http.limits.max-body-size", "2M",
                    "ingest.upload-receive-wait", "2S");
        }
    }

    @Test
    void tooLargeIs413AndRecordedWithoutBytes() {
        // 1.3 MB: above the service limit, below the HTTP body limit
        int id = Samples.upload("sensors/PH0102_PH_2024.csv", null).statusCode(413)
                .contentType("application/problem+json").body("detail", containsString("the limit is 100000"))
                .extract().jsonPath().getInt("upload_id");
        given().get("/api/v1/uploads/" + id).then().statusCode(200).body("status", equalTo("REJECTED"))
                .body("bytes_stored", equalTo(false));
        given().get("/api/v1/uploads/" + id + "/file").then().statusCode(410)
                .contentType("application/problem+json");
    }

    /**
     * Two 1.3 MB parts, over the 2 MB HTTP limit: refused by the HTTP layer from the request's length, before the
     * body. The client asks first ({@code Expect: 100-continue}), as a client of large uploads should, so the answer
     * arrives before it writes a byte of the body; without that, the server's answer and close can meet a client still
     * writing, which then sees a broken pipe instead of the answer.
     */
    @Test
    void farAboveTheHttpLimitIsCutWith413() throws Exception {
        Multipart multipart = new Multipart("big");
        for (String part : List.of("sensors/PH0101_PH_2024.csv", "sensors/PH0102_PH_2024.csv")) {
            multipart.file(part, "text/csv", Files.readAllBytes(Samples.file(part).toPath()));
        }
        byte[] body = multipart.bytes();
        assertTrue(body.length > 2 * 1024 * 1024, "the body is above the HTTP limit");
        HttpRequest upload = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                + "/api/v1/uploads")).expectContinue(true).header("Authorization", "Bearer " + TestTokens.admin())
                .header("Content-Type", multipart.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(upload,
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, r.statusCode(), r.body());
    }

    /**
     * A CSV sent in 2 KB pieces 100 ms apart (about 3.5 s) outlasts the 2 s a parse waits for it: the first parse,
     * started at its first bytes, is abandoned and the complete file parsed again.
     */
    @Test
    void aFileArrivingSlowerThanTheReceiveWaitIsStillAccepted() {
        String csv = BadFiles.head(BadInputTest.SENSOR, 1000).replace("PLANT_A", "PLANT_SLOW");
        long t0 = System.nanoTime();
        dripped("slow.csv", csv.getBytes(StandardCharsets.UTF_8), 2048).then().statusCode(201)
                .body("counts.records_stored", equalTo(999));
        assertTrue(System.nanoTime() - t0 > 3_000_000_000L, "the upload took longer than the receive wait");
    }

    /** The same for a workbook, which is parsed only once complete: its wait is bounded too. */
    @Test
    void aWorkbookArrivingSlowerThanTheReceiveWaitIsStillAccepted() {
        byte[] xlsx = BadFiles.editWorkbook("ops/PLANT_B-MPOR_Sample_07192024to08232024.xlsx",
                sheet -> sheet.getRow(1).getCell(0).setCellValue("PLANT_SLOW_WB"));
        long t0 = System.nanoTime();
        dripped("slow.xlsx", xlsx, xlsx.length / 30 + 1).then().statusCode(201).body("kind", equalTo("ops-mpor"))
                .body("plants[0]", equalTo("PLANT_SLOW_WB"));
        assertTrue(System.nanoTime() - t0 > 3_000_000_000L, "the upload took longer than the receive wait");
    }

    /** Uploads a file as one multipart part, sent in pieces of {@code piece} bytes 100 ms apart. */
    static io.restassured.response.Response dripped(String fileName, byte[] content, int piece) {
        Multipart body = new Multipart("slow").file(fileName, "application/octet-stream", content);
        InputStream drip = new DrippingInputStream(body.bytes(), piece, 100);
        return given().contentType(body.contentType()).body(drip).post("/api/v1/uploads");
    }
}
