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
    public static final Set<String> ADMIN = Set.of("admin");

    /** Text that would change a query spliced into SQL, and a NUL no text column can hold. */
    public static final List<String> SQL_METACHARACTERS = List.of("' or 1=1 --", "x'; drop table audit; --",
            "\\\"", "%", "_", "a\u0000b", "$1", "); select pg_sleep(5); --");
    /** A well-formed value of every path parameter the services declare. */
    static final Map<String, String> PATH_VALUES = Map.of("id", "1", "plant", "PLANT_A", "date", "2024-07-02",
            "day", "2024-07-02", "type", "lab", "sensor", "PH0101", "statement", "1", "other", "1");

    /**
     * An operation outside the OpenAPI document (the dashboard's HTML): who may call it, what an anonymous caller
     * gets (401, or a redirect to sign-in), and the kind of body it takes (json, multipart, form).
     */
    public record Hidden(String op, Set<String> allowed, int anonymous, String body) {
    }

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
                String bodyType = ops.get(method).toString().contains("multipart/form-data") ? "multipart"
                        : "json";
                failures.addAll(check(new Hidden(op, allowed, 401, bodyType)));
            }
        }
        assertEquals(new TreeSet<>(expected.keySet()), seen, "operations of the OpenAPI document");
        if (!failures.isEmpty()) {
            fail(failures.size() + " access rule(s) broken:\n" + String.join("\n", failures));
        }
    }

    /** The same rules for operations the OpenAPI document does not list (the dashboard's pages and forms). */
    public static void checkHidden(List<Hidden> operations) {
        List<String> failures = new ArrayList<>();
        operations.forEach(h -> failures.addAll(check(h)));
        if (!failures.isEmpty()) {
            fail(failures.size() + " access rule(s) broken:\n" + String.join("\n", failures));
        }
    }

    /**
     * One operation × anonymous and every role. A role outside its set must get 403; inside, past security: neither
     * 401 nor 403, and never a 5xx (a server error is not access, it is a failure).
     */
    private static List<String> check(Hidden h) {
        List<String> failures = new ArrayList<>();
        String method = h.op().substring(0, h.op().indexOf(' ')).toLowerCase();
        String url = h.op().substring(h.op().indexOf(' ') + 1);
        for (Map.Entry<String, String> v : PATH_VALUES.entrySet()) {
            url = url.replace("{" + v.getKey() + "}", v.getValue());
        }
        int anon = call(null, method, url, h.body()).statusCode();
        if (anon != h.anonymous()) {
            failures.add(h.op() + " anonymous: " + anon + ", expected " + h.anonymous());
        }
        for (String role : ROLES) {
            int status = call(TestTokens.withRoles("matrix-" + role, role), method, url, h.body()).statusCode();
            boolean inside = h.allowed().contains(role);
            boolean ok = inside ? status != 401 && status != 403 && status < 500 : status == 403;
            if (!ok) {
                failures.add(h.op() + " as " + role + ": " + status + (inside ? ", expected access (not 401, 403 "
                        + "or 5xx)" : ", expected 403"));
            }
        }
        return failures;
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
                req = switch (bodyType) {
                    case "multipart" -> req.multiPart("note", "no file");
                    case "form" -> req.contentType("application/x-www-form-urlencoded").formParam("note", "none");
                    default -> req.contentType("application/json").body("{}");
                };
            }
            r[0] = req.request(method.toUpperCase(), url);
        });
        return r[0];
    }

    /**
     * A query parameter holding SQL metacharacters is a value like any other: answered {@code expected} (200 for
     * free text, as a harmless value nothing matches is; 400 naming the parameter where it has a form, a name or a
     * constant), never a 5xx; a NUL is always a 400 naming the parameter.
     */
    public static void metacharactersAreValues(String path, String param, int expected) {
        List<String> failures = new ArrayList<>();
        if (expected == 200) {
            int harmless = given().queryParam(param, "no-such-value").get(path).statusCode();
            if (harmless != 200) {
                failures.add(path + "?" + param + "=no-such-value: " + harmless + ", expected 200");
            }
        }
        for (String evil : SQL_METACHARACTERS) {
            Response r = given().queryParam(param, evil).get(path);
            int want = evil.indexOf('\0') >= 0 ? 400 : expected;
            String shown = path + "?" + param + "=" + evil.replace("\0", "\\0");
            if (r.statusCode() != want) {
                failures.add(shown + ": " + r.statusCode() + ", expected " + want);
            } else if (want == 400 && !param.equals(r.jsonPath().getString("violations[0].field"))) {
                failures.add(shown + ": the 400 does not name " + param + ": " + r.asString());
            }
        }
        if (!failures.isEmpty()) {
            fail(String.join("\n", failures));
        }
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
