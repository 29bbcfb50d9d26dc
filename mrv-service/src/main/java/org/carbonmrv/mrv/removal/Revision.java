package org.carbonmrv.mrv.removal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The served-data revision ({@code mrv.revision}). */
public final class Revision {

    private Revision() {
    }

    /**
     * Bumps the revision on the writer's transaction. Readers see the new value only once the writes are
     * committed (the row lock also orders concurrent writers' bumps), so a cached answer is never newer-keyed
     * than its data.
     */
    public static void bump(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.executeUpdate("update mrv.revision set n = n + 1 where id = 1");
        }
    }
}
