package org.carbonmrv.common.schema;

import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.Config;
import org.flywaydb.core.Flyway;

import io.quarkus.runtime.StartupEvent;

/**
 * Each service's schema migration, in place of Quarkus' {@code quarkus.flyway.migrate-at-start} (off in every
 * service): first of all start-up work, before the workers' scheduler and the services' own start observers, so
 * that nothing reads a table a pending migration creates.
 */
@Singleton
public class SchemaMigrationAtStart {

    private static final String PLACEHOLDERS = "quarkus.flyway.placeholders.";

    private final DataSource dataSource;
    private final Instance<Flyway> flyway;
    private final Config config;

    public SchemaMigrationAtStart(DataSource dataSource, Instance<Flyway> flyway, Config config) {
        this.dataSource = dataSource;
        this.flyway = flyway;
        this.config = config;
    }

    void migrate(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE - 100) StartupEvent start) {
        String schema = config.getValues("quarkus.flyway.schemas", String.class).get(0);
        String table = config.getOptionalValue("quarkus.flyway.table", String.class).orElse("flyway_schema_history");
        new SchemaMigration(new SchemaHistoryRepository(dataSource, schema, table),
                PackagedMigrations.fingerprint(schema, table, placeholders()),
                () -> flyway.get().migrate().migrationsExecuted).start();
    }

    private Map<String, String> placeholders() {
        Map<String, String> out = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(PLACEHOLDERS)) {
                out.put(name.substring(PLACEHOLDERS.length()), config.getValue(name, String.class));
            }
        }
        return out;
    }
}
