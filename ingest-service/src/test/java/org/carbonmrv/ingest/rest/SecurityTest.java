package org.carbonmrv.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.carbonmrv.devstack.SecurityMatrix.ENGINEER;
import static org.carbonmrv.devstack.SecurityMatrix.EXPORT;
import static org.carbonmrv.devstack.SecurityMatrix.READ;
import static org.carbonmrv.devstack.SecurityMatrix.REVIEWER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.carbonmrv.devstack.EmbeddedPostgresTestResource;
import org.carbonmrv.devstack.SecurityMatrix;
import org.carbonmrv.devstack.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(EmbeddedPostgresTestResource.class)
class SecurityTest {

    /** A file for an unregistered plant is refused: the plants these tests upload for. */
    @org.junit.jupiter.api.BeforeEach
    void registerPlants() {
        org.carbonmrv.ingest.RegisteredPlants.ensure();
    }


    @Test
    void everyOperationTimesEveryRole() {
        SecurityMatrix.check(Map.ofEntries(
                Map.entry("POST /api/v1/uploads", ENGINEER),
                Map.entry("GET /api/v1/uploads", READ),
                Map.entry("GET /api/v1/uploads/{id}", READ),
                Map.entry("GET /api/v1/uploads/{id}/file", EXPORT),
                Map.entry("GET /api/v1/layouts", READ),
                Map.entry("GET /api/v1/layouts/{id}", READ),
                Map.entry("PUT /api/v1/layouts/{id}", ENGINEER),
                Map.entry("GET /api/v1/plants/{plant}/operations", READ),
                Map.entry("GET /api/v1/plants/{plant}/lab-readings", READ),
                Map.entry("GET /api/v1/plants/{plant}/sensor-readings", READ),
                Map.entry("GET /api/v1/plants", READ),
                Map.entry("GET /api/v1/plants/{plant}", READ),
                Map.entry("GET /api/v1/plants/{plant}/versions", READ),
                Map.entry("PUT /api/v1/plants/{plant}", ENGINEER),
                Map.entry("GET /api/v1/sensors/{sensor}/calibrations", READ),
                Map.entry("POST /api/v1/sensors/{sensor}/calibrations", ENGINEER),
                Map.entry("GET /api/v1/sensors/{sensor}/calibrations/{id}/certificate", EXPORT),
                Map.entry("GET /api/v1/audit", REVIEWER),
                Map.entry("GET /api/v1/audit/verify", SecurityMatrix.ADMIN)));
    }

    @Test
    void sqlMetacharactersInQueryParametersAreJustValues() {
        // plant, kind and layout ids have a name's form: anything else is a 400 naming the parameter
        SecurityMatrix.metacharactersAreValues("/api/v1/uploads", "plant", 400);
        SecurityMatrix.metacharactersAreValues("/api/v1/uploads", "kind", 400);
        SecurityMatrix.metacharactersAreValues("/api/v1/plants/PLANT_A/lab-readings", "parameter", 400);
        SecurityMatrix.metacharactersAreValues("/api/v1/audit", "subject", 200);
        SecurityMatrix.metacharactersAreValues("/api/v1/audit", "action", 200);
        SecurityMatrix.metacharactersAreValues("/api/v1/audit", "request_id", 200);
    }

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource dataSource;

    @Test
    void theAuditTrailIsAppendOnlyAndTamperingIsReported() throws Exception {
        // an audited action of this test's own: a plant registered again
        given().contentType("application/json").body(org.carbonmrv.devstack.TestPlants.entry("AUDIT_CHECK", "UTC"))
                .put("/api/v1/plants/AUDIT_CHECK").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        org.carbonmrv.devstack.AuditChecks.appendOnly(dataSource, "ingest");
        org.carbonmrv.devstack.AuditChecks.tamperingIsReported(dataSource, "ingest");
    }

    @Test
    void badTokensAreRefused() {
        SecurityMatrix.badTokensAreRefused("/api/v1/uploads");
    }

    @Test
    void uploadsAreAuditedWithTheUploader() {
        byte[] csv = "unique_id,date\n".getBytes(StandardCharsets.UTF_8);
        int id = given().header("Authorization", "Bearer " + TestTokens.withRoles("erin", "engineer"))
                .header("X-Request-Id", "req-upload-audit").multiPart("file", "../../etc/passwd", csv)
                .multiPart("plant", "PLANT_Z").post("/api/v1/uploads").then().statusCode(422)
                .extract().path("upload_id");
        List<Map<String, Object>> rows = SecurityMatrix.auditRows("req-upload-audit");
        assertEquals(1, rows.size());
        assertEquals("erin", rows.get(0).get("subject"));
        assertEquals("upload.rejected", rows.get(0).get("action"));
        assertEquals("upload " + id, rows.get(0).get("target"));
        // the name is kept as data, never used as a path; the download names it encoded
        String name = given().get("/api/v1/uploads/" + id).then().statusCode(200).extract().path("file_name");
        assertFalse(name.contains("/"), name);
        String disposition = given().get("/api/v1/uploads/" + id + "/file").then().statusCode(200)
                .extract().header("Content-Disposition");
        assertFalse(disposition.contains("../"), disposition);
    }
}
