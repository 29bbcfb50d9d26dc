package org.carbonmrv.devstack;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every operation of a service's OpenAPI document × every role: anonymous callers get 401, roles outside the
 * operation's expected set get 403, roles inside it get past security (any other status). An operation missing
 * from the expected table fails the test, so an endpoint added later cannot stay open unnoticed.
 */
public final class SecurityMatrix {

    public static final List<String> ROLES = List.of("engineer", "reviewer", "viewer", "service", "admin");
    /** Who may read JSON. */
    public static final Set<String> READ = Set.of("viewer", "service", "engineer", "reviewer", "admin");
    /** Who may download files and exports (not internal systems: they read JSON). */
    public static final Set<String> EXPORT = Set.of("viewer", "engineer", "reviewer", "admin");
    public static final Set<String> ENGINEER = Set.of("engineer", "admin");
    public static final Set<String> REVIEWER = Set.of("reviewer", "admin");
    private static final Map<String, String> PATH_VALUES = Map.of("id", "1", "plant", "PLANT_A", "date", "2024-07-02",
            "type", "lab", "sensor", "PH0101", "statement", "1");

    private SecurityMatrix() {
    }

    /** @param expected "GET /api/v1/…" → roles allowed */
    public static void check(Map<String, Set<String>> expected) {
        Map<String, Object> doc = given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath().getMap("paths");
        Set<String> seen = new TreeSet<>();
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Object> path : doc.entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> ops = (Map<String, Object>) path.getValue();
            for (String method : ops.keySet()) {
                if (!Set.of("get", "post", "put", "delete", "patch").contains(method)) {
                    continue;
                }
                String op = method.toUpperCase() + " " + path.getKey();
                seen.add(op);
                Set<String> allowed = expected.get(op);
                if (allowed == null) {
                    failures.add(op + ": not in the expected role table (a new endpoint must be declared)");
                    continue;
                }
                String url = path.getKey();
                String bodyType = ops.get(method).toString().contains("multipart/form-data") ? "multipart"
                        : "json";
                for (Map.Entry<String, String> v : PATH_VALUES.entrySet()) {
                    url = url.replace("{" + v.getKey() + "}", v.getValue());
                }
                int anon = call(null, method, url, bodyType).statusCode();
                if (anon != 401) {
                    failures.add(op + " anonymous: " + anon + ", expected 401");
                }
                for (String role : ROLES) {
                    int status = call(TestTokens.withRoles("matrix-" + role, role), method, url, bodyType)
                            .statusCode();
                    boolean ok = allowed.contains(role) ? status != 401 && status != 403 : status == 403;
                    if (!ok) {
                        failures.add(op + " as " + role + ": " + status + (allowed.contains(role) ? ", expected access"
                                : ", expected 403"));
                    }
                }
            }
        }
        assertEquals(new TreeSet<>(expected.keySet()), seen, "operations of the OpenAPI document");
        if (!failures.isEmpty()) {
            fail(failures.size() + " access rule(s) broken:\n" + String.join("\n", failures));
        }
    }

    private static Response call(String token, String method, String url) {
        return call(token, method, url, "json");
    }

    /** An empty body of the operation's kind: writes stop at validation, so the matrix changes nothing. */
    private static Response call(String token, String method, String url, String bodyType) {
        Response[] r = new Response[1];
        TestTokens.anonymous(() -> {
            RequestSpecification req = given().redirects().follow(false);
            if (token != null) {
                req = req.header("Authorization", "Bearer " + token);
            }
            if (!method.equals("get") && !method.equals("delete")) {
                req = "multipart".equals(bodyType) ? req.multiPart("note", "no file")
                        : req.contentType("application/json").body("{}");
            }
            r[0] = req.request(method.toUpperCase(), url);
        });
        return r[0];
    }

    /** The audit rows of one request (the service under test's {@code GET /api/v1/audit}, as an admin). */
    public static List<Map<String, Object>> auditRows(String requestId) {
        return given().queryParam("request_id", requestId).get("/api/v1/audit").then().statusCode(200).extract()
                .jsonPath().getList("$");
    }

    /** Expired, wrong issuer, wrong signature, {@code alg: none}, garbage: all 401 on {@code url}. */
    public static void badTokensAreRefused(String url) {
        long now = Instant.now().getEpochSecond();
        DevJwt keys = DevJwt.forTests();
        Map<String, String> bad = Map.of(
                "expired", keys.token(DevJwt.ISSUER, "x", now - 7200, now - 3600, "admin"),
                "wrong issuer", keys.token("https://evil.example", "x", now, now + 3600, "admin"),
                "wrong signature", DevJwt.otherKeys().token("x", "admin"),
                "alg none", DevJwt.unsigned("x", "admin"),
                "garbage", "not.a.token");
        bad.forEach((what, token) -> assertEquals(401, call(token, "get", url).statusCode(), what));
        assertTrue(call(TestTokens.admin(), "get", url).statusCode() < 400, "a good token passes");
    }
}
