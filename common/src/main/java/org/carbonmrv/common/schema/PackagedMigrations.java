package org.carbonmrv.common.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.carbonmrv.common.Sha256;

/**
 * The migrations packaged with a service, as one SHA-256: the build's digest of every migration file (names and
 * contents, the parent pom's {@code digest-migrations}) together with the Flyway settings a deployment can change
 * (schema, history table, placeholders), so that changing any of them makes the next start consult Flyway.
 */
public final class PackagedMigrations {

    /** Where the build writes its digest of the migration files. */
    public static final String RESOURCE = "db/packaged-migrations.sha256";

    private PackagedMigrations() {
    }

    /** Empty when the build wrote no digest (a class path not built by Maven): every start then consults Flyway. */
    public static Optional<String> fingerprint(String schema, String table, Map<String, String> placeholders) {
        return buildDigest().map(files -> Sha256.hex(files + "\nschema=" + schema + "\ntable=" + table
                + "\nplaceholders=" + new TreeMap<>(placeholders)));
    }

    private static Optional<String> buildDigest() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return Optional.empty();
            }
            String digest = new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
            return digest.matches("[0-9a-fA-F]{64}") ? Optional.of(digest.toLowerCase()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
