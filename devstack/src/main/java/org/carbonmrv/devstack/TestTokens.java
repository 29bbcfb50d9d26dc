package org.carbonmrv.devstack;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;

/** Tokens of the test key for each role, and the default Authorization of REST Assured requests in tests. */
public final class TestTokens {

    private static volatile boolean anonymous;
    private static boolean installed;

    private TestTokens() {
    }

    public static String admin() {
        return DevJwt.forTests().token("test-admin", "admin");
    }

    public static String withRoles(String subject, String... roles) {
        return DevJwt.forTests().token(subject, roles);
    }

    /**
     * Every REST Assured request of the test JVM carries an admin token unless it sets its own Authorization
     * header (a filter, so that the base URI and port Quarkus sets are left alone).
     */
    public static synchronized void useAdminByDefault() {
        if (installed) {
            return;
        }
        String token = "Bearer " + admin();
        Filter filter = (req, res, ctx) -> {
            if (!anonymous && !req.getHeaders().hasHeaderWithName("Authorization")) {
                req.header("Authorization", token);
            }
            return ctx.next(req, res);
        };
        RestAssured.filters(filter);
        installed = true;
    }

    /** Runs {@code body} with no default Authorization header (for requests that must stay anonymous). */
    public static void anonymous(Runnable body) {
        anonymous = true;
        try {
            body.run();
        } finally {
            anonymous = false;
        }
    }
}
