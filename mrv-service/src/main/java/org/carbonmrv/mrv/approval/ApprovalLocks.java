package org.carbonmrv.mrv.approval;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

/** Which days are locked: those whose latest covering decision is APPROVED. */
@ApplicationScoped
public class ApprovalLocks {

    record Decision(long id, LocalDate from, LocalDate to, String decision) {
    }

    /** The decisions of some plants, newest first. */
    public static final class Locked {
        private final Map<String, List<Decision>> byPlant;

        Locked(Map<String, List<Decision>> byPlant) {
            this.byPlant = byPlant;
        }

        public boolean isLocked(String plant, LocalDate day) {
            for (Decision d : byPlant.getOrDefault(plant, List.of())) {
                if (!day.isBefore(d.from) && !day.isAfter(d.to)) {
                    return "APPROVED".equals(d.decision);
                }
            }
            return false;
        }
    }

    public Locked load(Connection c, List<String> plants) throws SQLException {
        Map<String, List<Decision>> byPlant = new HashMap<>();
        Array a = c.createArrayOf("text", plants.toArray());
        try (PreparedStatement ps = c.prepareStatement("select plant, id, from_day, to_day, decision "
                + "from mrv.approval where plant = any (?) order by id desc")) {
            ps.setArray(1, a);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byPlant.computeIfAbsent(rs.getString(1), p -> new ArrayList<>()).add(new Decision(rs.getLong(2),
                            rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class), rs.getString(5)));
                }
            }
        }
        return new Locked(byPlant);
    }
}
