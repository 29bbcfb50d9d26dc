package org.carbonmrv.mrv.cache;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.carbonmrv.mrv.config.MrvConfig;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The served-data revision ({@code mrv.revision}): one counter, bumped by every transaction that changes what the
 * API serves, which keys the {@link ResponseCache}.
 * <p>
 * Readers do not ask the database for it on every request (under load, PostgreSQL spent as much CPU on that
 * one-row query as the service on the whole request):
 * a bump also sends {@code NOTIFY mrv_revision}, which PostgreSQL delivers at commit to every replica's listener
 * connection; the replica that committed learns it at once, after its commit. While the listener is not
 * connected (start-up, a lost connection), {@link #current()} reads the row as before. The listener re-reads the
 * row every {@code mrv.revision-recheck} (10 s) too, which also detects a silently broken connection.
 */
@ApplicationScoped
public class Revisions {

    private static final Logger LOG = Logger.getLogger(Revisions.class);
    private static final String CHANNEL = "mrv_revision";

    private final AgroalDataSource dataSource;
    private final TransactionSynchronizationRegistry transactions;
    private final long recheckNanos;
    /** The newest committed revision known; meaningful only while {@link #listening}. */
    private final AtomicLong known = new AtomicLong(-1);
    private volatile boolean listening;
    private volatile boolean stopped;
    private Thread listener;

    public Revisions(AgroalDataSource dataSource, TransactionSynchronizationRegistry transactions,
            MrvConfig config) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.recheckNanos = config.revisionRecheck().toNanos();
    }

    void start(@Observes StartupEvent event) {
        listener = new Thread(this::listen, "mrv-revision-listener");
        listener.setDaemon(true);
        listener.start();
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        if (listener != null) {
            listener.interrupt();
        }
    }

    /** The newest committed revision when notifications give it (no database read), else -1. */
    public long knownWithoutReading() {
        return listening ? known.get() : -1;
    }

    /** The newest committed revision. */
    public long current() {
        if (listening) {
            return known.get();
        }
        try (Connection c = dataSource.getConnection()) {
            return read(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Bumps the revision on the writer's (JTA) transaction. Readers see the new value only once the writes are
     * committed (the row lock also orders concurrent writers' bumps), so a cached answer is never newer-keyed
     * than its data.
     */
    public void bump(Connection c) throws SQLException {
        long n;
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("update mrv.revision set n = n + 1 where id = 1 returning n, "
                        + "pg_notify('" + CHANNEL + "', n::text)")) {
            rs.next();
            n = rs.getLong(1);
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    advance(n);
                }
            }
        });
    }

    /** Whether revisions come from notifications (health and tests). */
    public boolean listening() {
        return listening;
    }

    private void advance(long n) {
        known.accumulateAndGet(n, Math::max);
    }

    private static long read(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select n from mrv.revision where id = 1")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void listen() {
        while (!stopped) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(true);
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                // read after LISTEN: a bump committed in between is in the row or in a notification
                advance(read(c));
                listening = true;
                long recheck = System.nanoTime() + recheckNanos;
                while (!stopped) {
                    PGNotification[] notes = pg.getNotifications(1000);
                    if (notes != null) {
                        for (PGNotification note : notes) {
                            advance(Long.parseLong(note.getParameter()));
                        }
                    }
                    if (System.nanoTime() > recheck) {
                        advance(read(c));
                        recheck = System.nanoTime() + recheckNanos;
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (!stopped) {
                    LOG.warnf("revision listener lost its connection (%s); reading the revision per request until "
                            + "it is back", e.getMessage());
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            } finally {
                listening = false;
            }
        }
    }
}
