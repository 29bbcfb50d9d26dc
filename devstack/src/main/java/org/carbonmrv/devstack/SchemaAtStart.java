package org.carbonmrv.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;

/**
 * What a service's start did to its schema (common/schema), for each service's {@code SchemaAtStartTest}: every
 * migration its Flyway resolves is one the build digested (a file of the parent pom's {@code digest-migrations} under
 * {@code target/migration-checksums}), so that a change to any of them makes the next start consult Flyway; and the
 * start left the history table commented with a fingerprint at its newest rank (what the next start compares).
 */
public abstract class SchemaAtStart {

    @Inject
    Flyway flyway;

    @Inject
    DataSource dataSource;

    private final String schema;

    protected SchemaAtStart(String schema) {
        this.schema = schema;
    }

    @Test
    void everyMigrationIsDigestedAndTheHistoryNamesTheDigest() throws Exception {
        assertEveryMigrationDigested(Arrays.stream(flyway.info().all()).map(MigrationInfo::getScript).toList());
        try (Connection c = dataSource.getConnection()) {
            assertCommentedAtNewestRank(c, schema);
        }
    }

    /**
     * {@code scripts}: what Flyway resolves on the service's class path (its {@code MigrationInfo} scripts: paths
     * such as {@code db/migration/V1__x.sql}, and the schema it creates, which is no file).
     */
    private static void assertEveryMigrationDigested(Collection<String> scripts) throws IOException {
        List<String> files = scripts.stream().filter(s -> s.endsWith(".sql")).toList();
        assertFalse(files.isEmpty(), "Flyway resolves no migration");
        Path root = Path.of("target/migration-checksums");
        Set<String> digested;
        try (Stream<Path> checksums = Files.walk(root)) {
            digested = checksums.map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(n -> n.endsWith(".sql.SHA-256"))
                    .map(n -> n.substring(0, n.length() - ".SHA-256".length())).collect(Collectors.toSet());
        }
        List<String> missing = files.stream().filter(s -> !digested.contains(s)).sorted().toList();
        assertEquals(List.of(), missing, "migrations the build's digest leaves out");
    }

    /** The history table of {@code schema} names a fingerprint at the rank it has now. */
    private static void assertCommentedAtNewestRank(Connection c, String schema) throws SQLException {
        String history = schema + ".flyway_schema_history";
        String comment = ScratchDatabase.rows(c, "select obj_description('" + history + "'::regclass, 'pg_class')")
                .get(0);
        String newestRank = ScratchDatabase.rows(c, "select max(installed_rank) from " + history).get(0);
        assertTrue(comment.matches("packaged migrations [0-9a-f]{64} at rank " + newestRank), comment);
    }
}
