package org.carbonmrv.devstack;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a {@code @QuarkusTest} at a real PostgreSQL: the server named by {@code QUARKUS_DATASOURCE_JDBC_URL} when
 * the environment gives one, otherwise one embedded server per test JVM, shared by every test class.
 */
public class EmbeddedPostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedPostgres server;

    /**
     * Also gives the service under test the test key to verify tokens against, and makes every REST Assured
     * request of the test JVM carry an admin token unless it sets its own Authorization header.
     */
    @Override
    public Map<String, String> start() {
        Map<String, String> props = new java.util.HashMap<>(DevJwt.forTests().serviceProperties());
        TestTokens.useAdminByDefault();
        if (System.getenv("QUARKUS_DATASOURCE_JDBC_URL") != null) {
            return props;
        }
        props.put("quarkus.datasource.jdbc.url", shared().jdbcUrl("postgres"));
        props.put("quarkus.datasource.username", "postgres");
        props.put("quarkus.datasource.password", "");
        return props;
    }

    /** The server outlives each Quarkus restart between test classes; a shutdown hook stops it with the JVM. */
    public static synchronized EmbeddedPostgres shared() {
        if (server == null) {
            server = EmbeddedPostgres.startEphemeral();
        }
        return server;
    }

    @Override
    public void stop() {
        // kept for the next test class; stopped by the JVM shutdown hook
    }
}
