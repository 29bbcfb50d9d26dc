package org.carbonmrv.common.schema;

/** What a start found the service's schema to hold, and what it did about it. */
public sealed interface SchemaStart {

    /** The database already holds exactly the packaged migrations: Flyway was not consulted. */
    record Current(String fingerprint) implements SchemaStart {
    }

    /** Flyway validated the history and applied {@code applied} pending migrations (often none). */
    record Migrated(String fingerprint, int applied) implements SchemaStart {
    }
}
