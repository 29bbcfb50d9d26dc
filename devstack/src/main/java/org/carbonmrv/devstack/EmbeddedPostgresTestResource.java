package org.carbonmrv.devstack;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a {@code @QuarkusTest} at a real PostgreSQL: the server named by {@code QUARKUS_DATASOURCE_JDBC_URL} when
 * the environment gives one, otherwise one embedded server per test JVM, shared by every test class.
 */
public class EmbeddedPostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedPostgres server;

    @Override
    public Map<String, String> start() {
        if (System.getenv("QUARKUS_DATASOURCE_JDBC_URL") != null) {
            return Map.of();
        }
        return Map.of("quarkus.datasource.jdbc.url", shared().jdbcUrl("postgres"),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "");
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
