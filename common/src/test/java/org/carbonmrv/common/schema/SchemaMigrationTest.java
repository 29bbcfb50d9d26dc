package org.carbonmrv.common.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import org.carbonmrv.devstack.ScratchDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A start consults Flyway unless the history table says it holds exactly the packaged migrations: real Flyway on a
 * database of its own, migrations in a folder of the test's, fingerprints made up by the test (the build's digest is
 * a stand-in here: the decision only compares them).
 */
class SchemaMigrationTest {

    private static final String FIRST = "a".repeat(64);
    private static final String SECOND = "b".repeat(64);

    @TempDir
    Path migrations;

    @Test
    void flywayRunsOnlyWhenTheHistoryDoesNotHoldThePackagedMigrations() throws Exception {
        Files.writeString(migrations.resolve("V1__one.sql"), "create table s.one (id int)");
        Files.writeString(migrations.resolve("V2__two.sql"), "create table s.two (id int)");
        try (ScratchDatabase db = new ScratchDatabase("schema_start")) {
            AtomicInteger runs = new AtomicInteger();
            IntSupplier flyway = () -> {
                runs.incrementAndGet();
                return flyway(db).migrate().migrationsExecuted;
            };

            assertEquals(new SchemaStart.Migrated(FIRST, 2), start(db, FIRST, flyway), "a fresh database");
            assertEquals(List.of("packaged migrations " + FIRST + " at rank 2"), db.rows(
                    "select obj_description('s.flyway_schema_history'::regclass, 'pg_class')"));

            Files.writeString(migrations.resolve("V3__three.sql"), "create table s.three (id int)");
            assertEquals(new SchemaStart.Current(FIRST), start(db, FIRST, flyway), "the same packaged set");
            assertEquals(1, runs.get(), "Flyway not consulted, so V3 (not in that set) is not applied");
            assertEquals(List.of("0"), db.rows("select count(*) from pg_tables where tablename = 'three'"));

            assertEquals(new SchemaStart.Migrated(SECOND, 1), start(db, SECOND, flyway), "a new build");
            assertEquals(List.of("1"), db.rows("select count(*) from pg_tables where tablename = 'three'"));
            assertEquals(new SchemaStart.Current(SECOND), start(db, SECOND, flyway));
            assertEquals(2, runs.get());
        }
    }

    @Test
    void aHistoryChangedSinceTheCommentOrWithoutOneSendsTheStartToFlyway() throws Exception {
        Files.writeString(migrations.resolve("V1__one.sql"), "create table s.one (id int)");
        try (ScratchDatabase db = new ScratchDatabase("schema_changed")) {
            IntSupplier flyway = () -> flyway(db).migrate().migrationsExecuted;
            start(db, FIRST, flyway);
            db.execute("insert into s.flyway_schema_history (installed_rank, version, description, type, script, "
                    + "installed_by, execution_time, success) values (2, '2', 'by hand', 'SQL', 'V2__by_hand.sql', "
                    + "'someone', 1, false)");

            AtomicInteger consulted = new AtomicInteger();
            IntSupplier counted = () -> {
                consulted.incrementAndGet();
                return 0;
            };
            assertInstanceOf(SchemaStart.Migrated.class, start(db, FIRST, counted), "a rank the comment does not know");
            db.execute("delete from s.flyway_schema_history where installed_rank = 2");
            assertInstanceOf(SchemaStart.Migrated.class, start(db, FIRST, counted), "a rank removed since");
            assertEquals(2, consulted.get());

            db.execute("comment on table s.flyway_schema_history is null");
            assertInstanceOf(SchemaStart.Migrated.class, start(db, FIRST, flyway), "no comment of ours");
            assertInstanceOf(SchemaStart.Current.class, start(db, FIRST, flyway));
        }
    }

    @Test
    void withoutABuildDigestEveryStartConsultsFlywayAndNothingIsCommented() throws Exception {
        Files.writeString(migrations.resolve("V1__one.sql"), "create table s.one (id int)");
        try (ScratchDatabase db = new ScratchDatabase("schema_nodigest")) {
            AtomicInteger runs = new AtomicInteger();
            for (int i = 0; i < 2; i++) {
                new SchemaMigration(history(db), Optional.empty(), () -> {
                    runs.incrementAndGet();
                    return flyway(db).migrate().migrationsExecuted;
                }).start();
            }
            assertEquals(2, runs.get());
            assertEquals(List.of("null"), db.rows(
                    "select obj_description('s.flyway_schema_history'::regclass, 'pg_class')"));
        }
    }

    @Test
    void theFingerprintFollowsEverySettingADeploymentCanChange() {
        String base = PackagedMigrations.fingerprint("ingest", "flyway_schema_history", Map.of("zone", "UTC")).get();
        assertTrue(base.matches("[0-9a-f]{64}"));
        assertEquals(base, PackagedMigrations.fingerprint("ingest", "flyway_schema_history", Map.of("zone", "UTC"))
                .get(), "the same inputs, the same fingerprint");
        assertEquals(PackagedMigrations.fingerprint("s", "t", Map.of("a", "1", "b", "2")),
                PackagedMigrations.fingerprint("s", "t", new java.util.LinkedHashMap<>(Map.of("b", "2", "a", "1"))),
                "placeholders in any order");
        for (String other : List.of(
                PackagedMigrations.fingerprint("ingest", "flyway_schema_history", Map.of("zone", "Europe/Paris")).get(),
                PackagedMigrations.fingerprint("ingest", "flyway_schema_history", Map.of()).get(),
                PackagedMigrations.fingerprint("qaqc", "flyway_schema_history", Map.of("zone", "UTC")).get(),
                PackagedMigrations.fingerprint("ingest", "history", Map.of("zone", "UTC")).get())) {
            assertNotEquals(base, other);
        }
    }

    private SchemaStart start(ScratchDatabase db, String packaged, IntSupplier flyway) {
        return new SchemaMigration(history(db), Optional.of(packaged), flyway).start();
    }

    private static SchemaHistoryRepository history(ScratchDatabase db) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(db.url());
        ds.setUser(db.user());
        ds.setPassword(db.password());
        return new SchemaHistoryRepository(ds, "s", "flyway_schema_history");
    }

    private Flyway flyway(ScratchDatabase db) {
        return Flyway.configure().dataSource(db.url(), db.user(), db.password()).schemas("s").createSchemas(true)
                .locations("filesystem:" + migrations).load();
    }
}
