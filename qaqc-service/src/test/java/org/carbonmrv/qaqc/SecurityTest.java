package org.carbonmrv.qaqc;

import static io.restassured.RestAssured.given;
import static org.carbonmrv.devstack.SecurityMatrix.ENGINEER;
import static org.carbonmrv.devstack.SecurityMatrix.READ;
import static org.carbonmrv.devstack.SecurityMatrix.REVIEWER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.carbonmrv.devstack.ParameterChecks;
import org.carbonmrv.devstack.IngestServiceTestResource;
import org.carbonmrv.devstack.SecurityMatrix;
import org.carbonmrv.devstack.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(IngestServiceTestResource.class)
class SecurityTest {


    @Test
    void everyOperationTimesEveryRole() {
        SecurityMatrix.check(Map.ofEntries(
                Map.entry("GET /api/v1/config", READ),
                Map.entry("PUT /api/v1/config", ENGINEER),
                Map.entry("GET /api/v1/overrides", READ),
                Map.entry("POST /api/v1/overrides", REVIEWER),
                Map.entry("GET /api/v1/overrides/{id}", READ),
                Map.entry("DELETE /api/v1/overrides/{id}", REVIEWER),
                Map.entry("GET /api/v1/grades", READ),
                Map.entry("GET /api/v1/grades/summary", READ),
                Map.entry("GET /api/v1/records/{type}/{id}/history", READ),
                Map.entry("GET /api/v1/jobs", READ),
                Map.entry("GET /api/v1/audit", REVIEWER),
                Map.entry("GET /api/v1/audit/verify", SecurityMatrix.ADMIN)));
    }

    @Test
    void sqlMetacharactersInQueryParametersAreJustValues() {
        SecurityMatrix.metacharactersAreValues("/api/v1/grades", "plant", 400);
        SecurityMatrix.metacharactersAreValues("/api/v1/grades", "flag", 400);
        SecurityMatrix.metacharactersAreValues("/api/v1/grades", "record_type", 400);
        SecurityMatrix.metacharactersAreValues("/api/v1/grades/summary", "plant", 400);
        SecurityMatrix.metacharactersAreValues("/api/v1/jobs", "status", 400);
        SecurityMatrix.metacharactersAreValues("/api/v1/audit", "subject", 200);
        SecurityMatrix.metacharactersAreValues("/api/v1/audit", "action", 200);
    }

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource dataSource;

    @Test
    void theAuditTrailIsAppendOnlyAndTamperingIsReported() throws Exception {
        // an audited action of this test's own
        given().header("Authorization", "Bearer " + TestTokens.withRoles("rita", "reviewer")).contentType(
                ContentType.JSON).body(Map.of("record_type", "lab", "record_ids", List.of(999_998), "flag", "SUSPECT",
                        "reason", "audit check")).post("/api/v1/overrides").then().statusCode(201);
        org.carbonmrv.devstack.AuditChecks.appendOnly(dataSource, "qaqc");
        org.carbonmrv.devstack.AuditChecks.tamperingIsReported(dataSource, "qaqc");
    }

    @Test
    void badTokensAreRefused() {
        SecurityMatrix.badTokensAreRefused("/api/v1/config");
    }

    @Test
    void overridesAreAttributedToTheTokenSubjectNotToTheBody() {
        int id = given().header("Authorization", "Bearer " + TestTokens.withRoles("rita", "reviewer"))
                .header("X-Request-Id", "req-override-audit").contentType(ContentType.JSON)
                .body(Map.of("record_type", "lab", "record_ids", List.of(999_999), "flag", 3, "reason",
                        "checked by phone", "by", "somebody-else"))
                .post("/api/v1/overrides").then().statusCode(201).extract().path("id");
        assertEquals("rita", given().get("/api/v1/overrides/" + id).then().statusCode(200).extract()
                .path("created_by"));
        List<Map<String, Object>> rows = SecurityMatrix.auditRows("req-override-audit");
        assertEquals(1, rows.size());
        assertEquals("override.create", rows.get(0).get("action"));
        assertEquals("rita", rows.get(0).get("subject"));
        given().header("Authorization", "Bearer " + TestTokens.withRoles("rita", "reviewer"))
                .header("X-Request-Id", "req-revoke-audit").delete("/api/v1/overrides/" + id + "?reason=mistake")
                .then().statusCode(200);
        List<Map<String, Object>> revoke = SecurityMatrix.auditRows("req-revoke-audit");
        assertEquals(List.of("override.revoke"), revoke.stream().map(r -> r.get("action")).toList());
    }

    @Test
    void everyTypedParameterRefusesABadValueWith400NamingIt() {
        org.junit.jupiter.api.Assertions.assertTrue(ParameterChecks.check() >= 8);
    }
}
