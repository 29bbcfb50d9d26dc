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

    @Test
    void farAboveTheHttpLimitIsCutWith413() {
        // two 1.3 MB parts, over the 2 MB HTTP limit: refused by the HTTP layer before the service reads it
        given().multiPart("file", Samples.file("sensors/PH0101_PH_2024.csv"))
                .multiPart("other", Samples.file("sensors/PH0102_PH_2024.csv")).post("/api/v1/uploads").then()
                .statusCode(413);
    }

    /**
     * A CSV sent in 2 KB pieces 100 ms apart (about 3.5 s) outlasts the 2 s a parse waits for it: the first parse,
     * started at its first bytes, is abandoned and the complete file parsed again.
     */
    @Test
    void aFileArrivingSlowerThanTheTransactionTimeoutIsStillAccepted() {
        String csv = BadFiles.head(BadInputTest.SENSOR, 1000).replace("PLANT_A", "PLANT_SLOW");
        byte[] body = ("--slow\r\nContent-Disposition: form-data; name=\"file\"; filename=\"slow.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--slow--\r\n").getBytes(StandardCharsets.UTF_8);
        InputStream drip = new InputStream() {
            private int pos;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos == body.length) {
                    return -1;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                int n = Math.min(Math.min(len, 2048), body.length - pos);
                System.arraycopy(body, pos, b, off, n);
                pos += n;
                return n;
            }
        };
        long t0 = System.nanoTime();
        given().contentType("multipart/form-data; boundary=slow").body(drip).post("/api/v1/uploads").then()
                .statusCode(201).body("counts.records_stored", equalTo(999));
        assertTrue(System.nanoTime() - t0 > 3_000_000_000L, "the upload took longer than the receive wait");
    }
}
