package org.carbonmrv.devstack;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A real PostgreSQL server started from the binaries that Zonky publishes on Maven Central, so that tests and the
 * local run need neither Docker nor an installed PostgreSQL.
 *
 * <p>PostgreSQL refuses to run as root; when this JVM is root (CI containers) the server processes are started
 * through {@code setpriv} as the unprivileged {@code nobody} user, which then owns the data directory.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final int NOBODY = 65534;

    private final Path binDir;
    private final Path dataDir;
    private final int port;
    private final boolean ephemeral;
    private boolean running;
    private boolean hooked;

    private EmbeddedPostgres(Path binDir, Path dataDir, int port, boolean ephemeral) {
        this.binDir = binDir;
        this.dataDir = dataDir;
        this.port = port;
        this.ephemeral = ephemeral;
    }

    /** Starts a throw-away server on a free port; its data directory is deleted on {@link #close()}. */
    public static EmbeddedPostgres startEphemeral() {
        try {
            Path data = Files.createTempDirectory("mrv-pg-data");
            return start(data, freePort(), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts (initialising when empty) a server whose data is kept in {@code dataDir} between runs. */
    public static EmbeddedPostgres startPersistent(Path dataDir, int port) {
        return start(dataDir.toAbsolutePath(), port, false);
    }

    private static EmbeddedPostgres start(Path dataDir, int port, boolean ephemeral) {
        EmbeddedPostgres pg = new EmbeddedPostgres(extractBinaries().resolve("bin"), dataDir, port, ephemeral);
        pg.startServer();
        return pg;
    }

    public int port() {
        return port;
    }

    /** JDBC URL of the {@code postgres} database; superuser {@code postgres}, trust authentication on loopback. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private void startServer() {
        try {
            Files.createDirectories(dataDir);
            boolean fresh = !Files.exists(dataDir.resolve("PG_VERSION"));
            chownForServer(dataDir);
            if (fresh) {
                run(List.of(binDir.resolve("initdb").toString(), "-A", "trust", "-U", "postgres", "-D",
                        dataDir.toString(), "-E", "UTF-8", "--no-locale", "--no-sync"), 120);
            }
            Files.deleteIfExists(dataDir.resolve("postmaster.pid.stale"));
            // The socket directory is the data directory: no dependency on /var/run/postgresql.
            String opts = "-p " + port + " -h 127.0.0.1 -k " + dataDir
                    + " -c fsync=" + (ephemeral ? "off" : "on")
                    + " -c synchronous_commit=" + (ephemeral ? "off" : "on")
                    + " -c full_page_writes=" + (ephemeral ? "off" : "on")
                    + " -c max_connections=200 -c shared_buffers=256MB -c max_wal_size=2GB";
            run(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-o", opts, "-l",
                    dataDir.resolve("server.log").toString(), "-w", "-t", "60", "start"), 90);
            if (!hooked) {
                Runtime.getRuntime().addShutdownHook(new Thread(this::close, "embedded-postgres-stop"));
                hooked = true;
            }
            running = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stops the server as a database restart or failover does (every connection is cut), its data kept; {@link
     * #startAgain()} brings it back on the same port.
     */
    public synchronized void stopForOutage() {
        run(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "fast", "-w", "stop"), 60);
        running = false;
    }

    public synchronized void startAgain() {
        if (!running) {
            startServer();
        }
    }

    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        try {
            run(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "fast", "-w", "stop"),
                    60);
        } catch (RuntimeException e) {
            System.err.println("embedded PostgreSQL did not stop cleanly: " + e.getMessage());
        }
        if (ephemeral) {
            deleteTree(dataDir);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void chownForServer(Path dir) throws IOException {
        if (!isRoot()) {
            return;
        }
        exec(List.of("chown", "-R", NOBODY + ":" + NOBODY, dir.toString()), 60);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }

    private static void run(List<String> command, int timeoutSeconds) {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
        }
        full.addAll(command);
        exec(full, timeoutSeconds);
    }

    private static void exec(List<String> command, int timeoutSeconds) {
        try {
            Path log = Files.createTempFile("mrv-pg-cmd", ".log");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
            String output = Files.readString(log);
            Files.deleteIfExists(log);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(
                        "failed (" + p.exitValue() + "): " + String.join(" ", command) + "\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Extracts the server binaries once per version into the temp directory, guarded by a file lock. */
    static Path extractBinaries() {
        if (!"Linux".equals(System.getProperty("os.name")) || !"amd64".equals(System.getProperty("os.arch"))) {
            throw new IllegalStateException("the embedded PostgreSQL ships linux-amd64 binaries only; "
                    + "set QUARKUS_DATASOURCE_JDBC_URL to use another server");
        }
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "mrv-embedded-pg", "pg-" + archiveKey());
        Path done = target.resolve(".extracted");
        if (Files.exists(done)) {
            return target;
        }
        try {
            Files.createDirectories(target);
            // Readable by the unprivileged server user when we are root.
            target.getParent().toFile().setExecutable(true, false);
            try (FileChannel ch = FileChannel.open(target.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = ch.lock()) {
                if (Files.exists(done)) {
                    return target;
                }
                try (InputStream raw = EmbeddedPostgres.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
                    if (raw == null) {
                        throw new IllegalStateException(ARCHIVE + " not on the classpath");
                    }
                    untar(raw, target);
                }
                Files.createFile(done);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The archive's URL names the binaries artifact and version: a new version extracts anew. */
    private static String archiveKey() {
        java.net.URL url = EmbeddedPostgres.class.getClassLoader().getResource(ARCHIVE);
        return url == null ? "missing" : Integer.toHexString(url.toString().hashCode());
    }

    private static void untar(InputStream raw, Path target) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new XZCompressorInputStream(new BufferedInputStream(raw)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("archive entry outside target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(out.getParent());
                    Files.deleteIfExists(out);
                    Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    if ((entry.getMode() & 0100) != 0) {
                        out.toFile().setExecutable(true, false);
                    }
                    out.toFile().setReadable(true, false);
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temp directory
        }
    }
}
