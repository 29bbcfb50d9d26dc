package org.carbonmrv.devstack;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.restassured.response.Response;

/**
 * Walks a service's OpenAPI document and sends, for every typed parameter (number, boolean, date, date-time, enum,
 * pattern) of every operation, a value that is not of its type, the other parameters left sane: each must be a 400
 * {@code application/problem+json} that names the parameter, never a 404 or a 500. Writes stop before they change
 * anything: the bad parameter is refused before the body is read.
 */
public final class ParameterChecks {

    private static final Map<String, String> SANE = SecurityMatrix.PATH_VALUES;

    private ParameterChecks() {
    }

    /** A typed parameter of one operation and the value that breaks it. */
    private record Case(String method, String path, String name, String in, String bad) {
        String label() {
            return method.toUpperCase() + " " + path + " " + in + " " + name + "=" + bad;
        }
    }

    /** @return how many parameters were tried (so that a caller can check the walk found its endpoints) */
    public static int check() {
        var doc = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Object> paths = doc.getMap("paths");
        Map<String, Object> schemas = doc.getMap("components.schemas");
        List<Case> cases = cases(paths, schemas == null ? Map.of() : schemas);
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            String failure = attempt(c);
            if (failure != null) {
                failures.add(failure);
            }
        }
        assertTrue(!cases.isEmpty(), "no typed parameter found in the OpenAPI document");
        System.out.println("ParameterChecks: " + cases.size() + " typed parameters tried: "
                + cases.stream().map(Case::label).toList());
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + cases.size() + " bad parameter values not answered 400 naming the "
                    + "parameter:\n" + String.join("\n", failures));
        }
        return cases.size();
    }

    @SuppressWarnings("unchecked")
    private static List<Case> cases(Map<String, Object> paths, Map<String, Object> schemas) {
        List<Case> out = new ArrayList<>();
        paths.forEach((path, value) -> ((Map<String, Object>) value).forEach((method, op) -> {
            if (!List.of("get", "post", "put", "delete").contains(method)) {
                return;
            }
            Object params = ((Map<String, Object>) op).get("parameters");
            for (Object p : params instanceof List<?> l ? l : List.of()) {
                Map<String, Object> param = (Map<String, Object>) p;
                String bad = badValue(resolve((Map<String, Object>) param.getOrDefault("schema", Map.of()), schemas),
                        schemas);
                if (bad != null && List.of("query", "path").contains(param.get("in"))) {
                    out.add(new Case(method, path, (String) param.get("name"), (String) param.get("in"), bad));
                }
            }
        }));
        return out;
    }

    /** A value outside the schema, or null when any text is valid. */
    @SuppressWarnings("unchecked")
    private static String badValue(Map<String, Object> schema, Map<String, Object> schemas) {
        if (schema.get("items") instanceof Map<?, ?> items) {
            return badValue(resolve((Map<String, Object>) items, schemas), schemas);
        }
        Object type = schema.get("type");
        Object format = schema.get("format");
        if ("integer".equals(type) || "number".equals(type)) {
            return "x1";
        }
        if ("boolean".equals(type)) {
            return "maybe";
        }
        if ("date".equals(format)) {
            return "2025-13-01";
        }
        if ("date-time".equals(format) || "local-date-time".equals(format)) {
            return "yesterday";
        }
        if (schema.get("enum") != null || schema.get("pattern") != null) {
            return "not a value!";
        }
        return null;
    }

    /** A schema with its {@code $ref} (#/components/schemas/LocalDate…) followed. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> resolve(Map<String, Object> schema, Map<String, Object> schemas) {
        Object ref = schema.get("$ref");
        if (ref instanceof String r && r.startsWith("#/components/schemas/")) {
            Object target = schemas.get(r.substring("#/components/schemas/".length()));
            return target instanceof Map<?, ?> m ? resolve((Map<String, Object>) m, schemas) : schema;
        }
        return schema;
    }

    private static String attempt(Case c) {
        String url = c.path();
        for (Map.Entry<String, String> v : SANE.entrySet()) {
            if (!(c.in().equals("path") && c.name().equals(v.getKey()))) {
                url = url.replace("{" + v.getKey() + "}", v.getValue());
            }
        }
        var req = given().redirects().follow(false).urlEncodingEnabled(true);
        if (c.in().equals("path")) {
            url = url.replace("{" + c.name() + "}", c.bad().replace(" ", "%20").replace("!", "%21"));
            req = given().redirects().follow(false).urlEncodingEnabled(false);
        } else {
            req = req.queryParam(c.name(), c.bad());
        }
        if (!c.method().equals("get") && !c.method().equals("delete")) {
            req = req.contentType("application/json").body("{}");
        }
        Response r = req.request(c.method().toUpperCase(), url);
        String body = r.asString();
        if (r.statusCode() != 400) {
            return c.label() + ": HTTP " + r.statusCode() + " " + abbreviate(body);
        }
        if (!String.valueOf(r.contentType()).startsWith("application/problem+json")) {
            return c.label() + ": 400 but " + r.contentType();
        }
        if (!body.contains("\"" + c.name() + "\"") && !body.contains(c.name() + ":")) {
            return c.label() + ": 400 without naming " + c.name() + ": " + abbreviate(body);
        }
        return null;
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
