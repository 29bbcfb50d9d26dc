package org.carbonmrv.qaqc.grading;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** The plants' registry entries as ingest publishes them ({@code ingest.v_plant}): zone and sampling points. */
final class PlantRegistry {

    /** A plant's zone and lab sampling points. */
    record Entry(ZoneId zone, String upstreamPoint, String downstreamPoint) {
    }

    /** A plant not in the registry (data stored before it existed): UTC, the configuration's points. */
    static final Entry UNREGISTERED = new Entry(ZoneId.of("UTC"), null, null);

    private final Map<String, Entry> entries;

    private PlantRegistry(Map<String, Entry> entries) {
        this.entries = entries;
    }

    static PlantRegistry load(Connection c, Collection<String> plants) throws SQLException {
        Map<String, Entry> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select plant, time_zone, upstream_point, downstream_point "
                + "from ingest.v_plant where plant = any (?)")) {
            ps.setArray(1, c.createArrayOf("text", plants.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new Entry(ZoneId.of(rs.getString(2)), rs.getString(3), rs.getString(4)));
                }
            }
        }
        return new PlantRegistry(out);
    }

    Entry of(String plant) {
        return entries.getOrDefault(plant, UNREGISTERED);
    }
}
