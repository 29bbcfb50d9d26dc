package org.carbonmrv.mrv.plant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.Jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;

/** Reads plants' registry entries through ingest's published {@code v_plant}, with the methodology's defaults. */
@ApplicationScoped
public class PlantSettingsReader {

    private final ObjectMapper json;
    private final AgroalDataSource dataSource;

    public PlantSettingsReader(ObjectMapper json, AgroalDataSource dataSource) {
        this.json = json;
        this.dataSource = dataSource;
    }

    /** Each registered plant's display name: text people gave (escape it where it is shown or exported). */
    public Map<String, String> displayNames() {
        Map<String, String> names = new HashMap<>();
        Jdbc.list(dataSource, "select plant, display_name from ingest.v_plant", rs -> Map.entry(rs.getString(1),
                rs.getString(2))).forEach(e -> names.put(e.getKey(), e.getValue()));
        return names;
    }

    /** The plant's zone in the registry; UTC for a plant not in it. */
    public ZoneId zone(String plant) {
        return Jdbc.first(dataSource, "select time_zone from ingest.v_plant where plant = ?", rs -> ZoneId.of(
                rs.getString(1)), plant).orElse(ZoneOffset.UTC);
    }

    /** Every plant asked for: its registry entry, or the methodology's defaults when it has none. */
    public Map<String, PlantSettings> read(Connection c, Collection<String> plants, PlantDefaults m)
            throws SQLException {
        Map<String, PlantSettings> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select plant, version, display_name, time_zone, "
                + "upstream_point, downstream_point, meters::text from ingest.v_plant where plant = any (?)")) {
            ps.setArray(1, c.createArrayOf("text", plants.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new PlantSettings(rs.getString(1), rs.getInt(2), rs.getString(3),
                            ZoneId.of(rs.getString(4)), rs.getString(5), rs.getString(6),
                            flowRelative(rs.getString(7), m)));
                }
            }
        }
        for (String p : plants) {
            out.computeIfAbsent(p, x -> defaults(x, m));
        }
        return out;
    }

    public static PlantSettings defaults(String plant, PlantDefaults m) {
        return new PlantSettings(plant, null, plant, ZoneOffset.UTC, m.upstreamPoint(), m.downstreamPoint(),
                m.flowRelative());
    }

    /**
     * The effluent flow meter's relative standard uncertainty: the one meter measuring effluent_flow_mgd; of several,
     * the largest (the day's flow cannot say which meter it came from); the methodology's default when none says.
     */
    private double flowRelative(String meters, PlantDefaults m) {
        try {
            double worst = -1;
            for (JsonNode meter : json.readTree(meters)) {
                String measures = meter.path("measures").asText("");
                if ((measures.isEmpty() || measures.equals("effluent_flow_mgd"))
                        && meter.path("relative_standard_uncertainty").isNumber()) {
                    worst = Math.max(worst, meter.get("relative_standard_uncertainty").asDouble());
                }
            }
            return worst > 0 ? worst : m.flowRelative();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the registry's meters are not JSON: " + meters, e);
        }
    }

    /** The plants' registry versions, by plant (those not in the registry are absent). */
    public Map<String, Integer> versions(Connection c) throws SQLException {
        Map<String, Integer> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select plant, version from ingest.v_plant");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getInt(2));
            }
        }
        return out;
    }
}
