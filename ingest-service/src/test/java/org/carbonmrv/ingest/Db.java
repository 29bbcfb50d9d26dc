package org.carbonmrv.ingest;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

/** Row counts of the ingest tables, to show that a refused file left nothing behind. */
public final class Db {

    private static final String[] TABLES = {"upload", "blob", "blob_chunk", "lab_reading", "sensor_reading",
            "ops_day", "upload_event"};

    private Db() {
    }

    public static Map<String, Long> counts(DataSource ds) {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            for (String t : TABLES) {
                try (ResultSet rs = st.executeQuery("select count(*) from ingest." + t)) {
                    rs.next();
                    out.put(t, rs.getLong(1));
                }
            }
            try (ResultSet rs = st.executeQuery("select count(*) from ingest.upload where status = 'REJECTED'")) {
                rs.next();
                out.put("rejected", rs.getLong(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
