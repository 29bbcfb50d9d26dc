package org.carbonmrv.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.carbonmrv.devstack.EmbeddedPostgresTestResource;
import org.carbonmrv.ingest.Samples;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A file above the configured size limit: 413, recorded as REJECTED, its bytes not kept. */
@QuarkusTest
@TestProfile(UploadLimitTest.SmallLimit.class)
@WithTestResource(EmbeddedPostgresTestResource.class)
class UploadLimitTest {

    public static class SmallLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ingest.max-upload-bytes", "100000", "quarkus.http.limits.max-body-size", "2M");
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
}
