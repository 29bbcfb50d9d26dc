package org.carbonmrv.mrv;

import static io.restassured.RestAssured.given;
import static org.carbonmrv.devstack.SecurityMatrix.ENGINEER;
import static org.carbonmrv.devstack.SecurityMatrix.EXPORT;
import static org.carbonmrv.devstack.SecurityMatrix.READ;
import static org.carbonmrv.devstack.SecurityMatrix.REVIEWER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.carbonmrv.common.security.VerifiedTokenCache;
import org.carbonmrv.devstack.AuditChecks;
import org.carbonmrv.devstack.ParameterChecks;
import org.carbonmrv.devstack.PipelineTestResource;
import org.carbonmrv.devstack.SecurityMatrix;
import org.carbonmrv.devstack.TestTokens;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.ClientProxy;
import io.quarkus.smallrye.jwt.runtime.auth.MpJwtValidator;
import io.smallrye.jwt.auth.principal.ParseException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(PipelineTestResource.class)
class SecurityTest {


    @Inject
    AgroalDataSource dataSource;

    @Test
    void everyOperationTimesEveryRole() {
        SecurityMatrix.check(Map.ofEntries(
                Map.entry("GET /api/v1/plants", READ),
                Map.entry("GET /api/v1/removals", READ),
                Map.entry("GET /api/v1/removals/summary", READ),
                Map.entry("GET /api/v1/removals/export", EXPORT),
                Map.entry("GET /api/v1/removals/methodology", READ),
                Map.entry("GET /api/v1/removals/{plant}/{date}", READ),
                Map.entry("POST /api/v1/recompute", ENGINEER),
                Map.entry("GET /api/v1/approvals", READ),
                Map.entry("POST /api/v1/approvals", REVIEWER),
                Map.entry("GET /api/v1/approvals/{id}", READ),
                Map.entry("GET /api/v1/events", READ),
                Map.entry("POST /api/v1/statements", REVIEWER),
                Map.entry("GET /api/v1/statements", READ),
                Map.entry("GET /api/v1/statements/{id}", READ),
                Map.entry("GET /api/v1/statements/{id}/report", EXPORT),
                Map.entry("GET /api/v1/statements/{id}/report.pdf", EXPORT),
                Map.entry("GET /api/v1/statements/{id}/evidence.zip", EXPORT),
                Map.entry("GET /api/v1/statements/{id}/compare/{other}", READ),
                Map.entry("GET /api/v1/audit", REVIEWER),
                Map.entry("GET /api/v1/audit/verify", SecurityMatrix.ADMIN)));
    }

    /**
     * The dashboard's pages and forms (not in the OpenAPI document): people only; approvals for reviewers. The page
     * itself sends an anonymous visitor to sign-in; sign-in and sign-out are open.
     */
    @Test
    void everyDashboardOperationTimesEveryRole() {
        java.util.Set<String> people = EXPORT;
        SecurityMatrix.checkHidden(List.of(
                new SecurityMatrix.Hidden("GET /dashboard", people, 303, "none"),
                new SecurityMatrix.Hidden("GET /dashboard/view", people, 401, "none"),
                new SecurityMatrix.Hidden("GET /dashboard/day/{plant}/{day}", people, 401, "none"),
                new SecurityMatrix.Hidden("POST /dashboard/approvals", REVIEWER, 401, "form")));
        TestTokens.anonymous(() -> {
            given().get("/dashboard/sign-in").then().statusCode(200);
            given().redirects().follow(false).post("/dashboard/sign-out").then().statusCode(303);
        });
    }

    @Test
    void badTokensAreRefusedAndOpenPathsStayOpen() {
        SecurityMatrix.badTokensAreRefused("/api/v1/plants");
        TestTokens.anonymous(() -> {
            given().get("/q/health/ready").then().statusCode(200);
            given().get("/q/openapi").then().statusCode(200);
        });
    }

    @Test
    void actionsAreAuditedWithSubjectAndRequestIdAndTheTrailIsAppendOnly() throws SQLException {
        given().header("Authorization", "Bearer " + TestTokens.withRoles("eve-engineer", "engineer"))
                .header("X-Request-Id", "req-audit-1").contentType(ContentType.JSON)
                .body(Map.of("plant", "PLANT_A", "from", "2024-07-01", "to", "2024-07-03"))
                .post("/api/v1/recompute").then().statusCode(200).header("X-Request-Id", "req-audit-1");
        List<Map<String, Object>> rows = SecurityMatrix.auditRows("req-audit-1");
        assertEquals(1, rows.size());
        assertEquals("eve-engineer", rows.get(0).get("subject"));
        assertEquals("engineer", rows.get(0).get("roles"));
        assertEquals("recompute", rows.get(0).get("action"));
        given().header("Authorization", "Bearer " + TestTokens.withRoles("vic", "viewer"))
                .get("/api/v1/audit").then().statusCode(403);
        AuditChecks.appendOnly(dataSource, "mrv");
        AuditChecks.tamperingIsReported(dataSource, "mrv");
        assertTrue(given().get("/api/v1/audit?subject=eve-engineer").then().statusCode(200).extract().jsonPath()
                .getList("$").size() >= 1);
    }

    @Test
    void sqlMetacharactersInQueryParametersAreJustValues() {
        SecurityMatrix.metacharactersAreValues("/api/v1/removals", "plant", 200);
        SecurityMatrix.metacharactersAreValues("/api/v1/removals", "flag", 400);
        SecurityMatrix.metacharactersAreValues("/api/v1/removals", "approval", 400);
        SecurityMatrix.metacharactersAreValues("/api/v1/removals/summary", "plant", 200);
        SecurityMatrix.metacharactersAreValues("/api/v1/removals/export", "plant", 200);
        SecurityMatrix.metacharactersAreValues("/api/v1/approvals", "plant", 200);
        SecurityMatrix.metacharactersAreValues("/api/v1/events", "status", 400);
        SecurityMatrix.metacharactersAreValues("/api/v1/audit", "subject", 200);
        SecurityMatrix.metacharactersAreValues("/api/v1/audit", "action", 200);
        given().queryParam("from", "2024-13-45").get("/api/v1/removals").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", org.hamcrest.Matchers.equalTo("from"));
    }

    @Inject
    MpJwtValidator validator;

    /** smallrye-jwt's validator goes through the cache: a token is verified once, then remembered. */
    @Test
    void theTokenValidatorRemembersVerifiedTokens() throws Exception {
        Field field = MpJwtValidator.class.getDeclaredField("parser");
        field.setAccessible(true);
        Object parser = ClientProxy.unwrap(field.get(ClientProxy.unwrap(validator)));
        assertInstanceOf(VerifiedTokenCache.class, parser);
        String token = TestTokens.withRoles("cache-check", "viewer");
        JsonWebToken first = ((VerifiedTokenCache) parser).parse(token);
        assertSame(first, ((VerifiedTokenCache) parser).parse(token), "the second request reuses the verification");
        assertThrows(ParseException.class, () -> ((VerifiedTokenCache) parser).parse(token.substring(0,
                token.length() - 4) + "AAAA"), "a changed signature is verified, and refused");
    }

    @Test
    void everyTypedParameterRefusesABadValueWith400NamingIt() {
        org.junit.jupiter.api.Assertions.assertTrue(ParameterChecks.check() >= 8);
    }
}
