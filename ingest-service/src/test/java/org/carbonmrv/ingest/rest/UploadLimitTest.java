package org.carbonmrv.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.carbonmrv.devstack.EmbeddedPostgresTestResource;
import org.carbonmrv.ingest.BadFiles;
import org.carbonmrv.ingest.Samples;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

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
     * Two 1.3 MB parts, over the 2 MB HTTP limit: refused by the HTTP layer before the service reads it. The server
     * answers and closes the connection while the client may still be writing the body; the client then sees a
     * broken pipe instead of the answer and sends the request again. Every answer that arrives is 413.
     */
    @Test
    void farAboveTheHttpLimitIsCutWith413() throws Exception {
        for (int attempt = 1;; attempt++) {
            try {
                given().multiPart("file", Samples.file("sensors/PH0101_PH_2024.csv"))
                        .multiPart("other", Samples.file("sensors/PH0102_PH_2024.csv")).post("/api/v1/uploads")
                        .then().statusCode(413);
                return;
            } catch (Exception e) {
                if (!(e instanceof java.net.SocketException) || attempt == 5) {
                    throw e;
                }
            }
        }
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
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        b.writeBytes(("--slow\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        b.writeBytes(content);
        b.writeBytes("\r\n--slow--\r\n".getBytes(StandardCharsets.UTF_8));
        byte[] body = b.toByteArray();
        InputStream drip = new org.carbonmrv.devstack.DrippingInputStream(body, piece, 100);
        return given().contentType("multipart/form-data; boundary=slow").body(drip).post("/api/v1/uploads");
    }
}
