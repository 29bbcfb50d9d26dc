package org.carbonmrv.mrv.removal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads the inputs of many plant-days at once from the upstream contracts only: {@code ingest.v_ops_day_current},
 * {@code ingest.v_lab_reading} and {@code qaqc.v_record_flag} (current flag, override applied).
 */
@ApplicationScoped
public class RemovalInputs {

    /** The plant-days of {@code plant} between two days (inclusive) that have operations or calcium data. */
    public List<PlantDay> daysWithData(Connection c, String plant, LocalDate from, LocalDate to, Methodology m)
            throws SQLException {
        TreeSet<PlantDay> days = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement("select distinct day from ingest.v_ops_day_version "
                + "where plant = ? and day between ? and ? union select distinct sample_date from ingest.v_lab_reading "
                + "where plant = ? and sample_date between ? and ? and lower(parameter) = lower(?) "
                + "and point in (?, ?)")) {
            ps.setString(1, plant);
            ps.setObject(2, from);
            ps.setObject(3, to);
            ps.setString(4, plant);
            ps.setObject(5, from);
            ps.setObject(6, to);
            ps.setString(7, m.parameter);
            ps.setString(8, m.upstreamPoint);
            ps.setString(9, m.downstreamPoint);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    days.add(new PlantDay(plant, rs.getObject(1, LocalDate.class)));
                }
            }
        }
        return new ArrayList<>(days);
    }

    /** A record's current qaqc flag (override applied). */
    private record CurrentFlag(Integer flag, Integer autoFlag, Long overrideId, Integer configVersion,
            List<String> reasons) {
    }

    /**
     * The inputs of each plant-day, in plant-day order. Three plain reads over the plants' day span (flags, ops,
     * lab) joined here: a join in SQL between the views' window and DISTINCT ON subqueries was planned as a nested
     * loop (the planner cannot estimate the "current version" filter) and took seconds per plant.
     */
    public Map<PlantDay, DayInputs> read(Connection c, Collection<PlantDay> days, Methodology m) throws SQLException {
        Map<PlantDay, DayInputs> out = new LinkedHashMap<>();
        for (PlantDay d : new TreeSet<>(days)) {
            out.put(d, new DayInputs(d.plant(), d.day()));
        }
        if (out.isEmpty()) {
            return out;
        }
        Array plants = c.createArrayOf("text", out.keySet().stream().map(PlantDay::plant).distinct().toArray());
        LocalDate first = out.keySet().stream().map(PlantDay::day).min(LocalDate::compareTo).orElseThrow();
        LocalDate last = out.keySet().stream().map(PlantDay::day).max(LocalDate::compareTo).orElseThrow();

        Map<Long, CurrentFlag> opsFlags = new HashMap<>();
        Map<Long, CurrentFlag> labFlags = new HashMap<>();
        // plant and ts are DISTINCT ON keys of the view: these restrictions reach its (plant, ts) index
        try (PreparedStatement ps = c.prepareStatement("select record_type, record_id, flag, auto_flag, override_id, "
                + "config_version, reasons from qaqc.v_record_flag where record_type in ('ops', 'lab') "
                + "and plant = any (?) and ts >= ? and ts < ?")) {
            bind(ps, 1, plants, first.atStartOfDay(), last.plusDays(1).atStartOfDay());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ("ops".equals(rs.getString(1)) ? opsFlags : labFlags).put(rs.getLong(2), new CurrentFlag(
                            integer(rs, 3), integer(rs, 4), (Long) rs.getObject(5), integer(rs, 6),
                            strings(rs.getArray(7))));
                }
            }
        }
        CurrentFlag none = new CurrentFlag(null, null, null, null, List.of());
        try (PreparedStatement ps = c.prepareStatement("select plant, day, record_id, upload_id, file_name, sheet, "
                + "row_num, effluent_flow_mgd, bypass_flow_mgd from ingest.v_ops_day_current "
                + "where plant = any (?) and day between ? and ?")) {
            bind(ps, 1, plants, first, last);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    DayInputs d = out.get(new PlantDay(rs.getString(1), rs.getObject(2, LocalDate.class)));
                    if (d == null) {
                        continue;
                    }
                    long id = rs.getLong(3);
                    CurrentFlag f = opsFlags.getOrDefault(id, none);
                    d.ops = new InputRecord("ops", "ops", id, rs.getLong(4), rs.getString(5), rs.getString(6),
                            rs.getInt(7), null, (Double) rs.getObject(8), null, (Double) rs.getObject(9), f.flag(),
                            f.autoFlag(), f.overrideId(), f.configVersion(), f.reasons());
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("select plant, sample_date, record_id, upload_id, file_name, "
                + "row_num, unique_id, point, value, uncertainty from ingest.v_lab_reading "
                + "where plant = any (?) and sample_date between ? and ? and lower(parameter) = lower(?) "
                + "and point in (?, ?) order by record_id")) {
            bind(ps, 1, plants, first, last, m.parameter, m.upstreamPoint, m.downstreamPoint);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    DayInputs d = out.get(new PlantDay(rs.getString(1), rs.getObject(2, LocalDate.class)));
                    if (d == null) {
                        continue;
                    }
                    long id = rs.getLong(3);
                    CurrentFlag f = labFlags.getOrDefault(id, none);
                    String role = m.upstreamPoint.equals(rs.getString(8)) ? "ca_upstream" : "ca_downstream";
                    d.lab.add(new InputRecord(role, "lab", id, rs.getLong(4), rs.getString(5), null, rs.getInt(6),
                            rs.getString(7), (Double) rs.getObject(9), (Double) rs.getObject(10), null, f.flag(),
                            f.autoFlag(), f.overrideId(), f.configVersion(), f.reasons()));
                }
            }
        }
        return out;
    }

    private static void bind(PreparedStatement ps, int first, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            ps.setObject(first + i, values[i]);
        }
    }

    private static Integer integer(ResultSet rs, int column) throws SQLException {
        Object o = rs.getObject(column);
        return o == null ? null : ((Number) o).intValue();
    }

    private static List<String> strings(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }
}
