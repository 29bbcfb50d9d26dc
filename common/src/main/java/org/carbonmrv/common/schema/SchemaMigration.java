package org.carbonmrv.common.schema;

import java.util.Optional;
import java.util.function.IntSupplier;

import org.jboss.logging.Logger;

/**
 * Migrates a service's schema at start only when the database does not already hold exactly the packaged
 * migrations. Flyway's own check (reading every migration, comparing checksums, on connections of its own) is most
 * of a native start's time; two queries tell the same when nothing changed. When anything differs (a new build, a
 * changed placeholder, a history changed by hand, a table without our comment) Flyway runs as it always does,
 * under its lock, and the comment is written only after it succeeded.
 */
public final class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class);

    private final SchemaHistoryRepository history;
    private final Optional<String> packaged;
    private final IntSupplier flywayMigrate;

    /** {@code flywayMigrate} runs Flyway's migrate and returns how many migrations it applied. */
    public SchemaMigration(SchemaHistoryRepository history, Optional<String> packaged, IntSupplier flywayMigrate) {
        this.history = history;
        this.packaged = packaged;
        this.flywayMigrate = flywayMigrate;
    }

    public SchemaStart start() {
        if (packaged.isPresent() && history.recorded().filter(r -> r.holds(packaged.get())).isPresent()) {
            LOG.infof("schema holds the packaged migrations %s: Flyway not consulted", packaged.get());
            return new SchemaStart.Current(packaged.get());
        }
        int applied = flywayMigrate.getAsInt();
        packaged.ifPresent(history::record);
        return new SchemaStart.Migrated(packaged.orElse(""), applied);
    }
}
