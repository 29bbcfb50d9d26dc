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

    private static final String FLAG_COLUMNS = "f.flag, f.auto_flag, f.override_id, f.config_version, f.reasons";

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

    /** The inputs of each plant-day, in plant-day order. */
    public Map<PlantDay, DayInputs> read(Connection c, Collection<PlantDay> days, Methodology m) throws SQLException {
        Map<PlantDay, DayInputs> out = new LinkedHashMap<>();
        for (PlantDay d : new TreeSet<>(days)) {
            out.put(d, new DayInputs(d.plant(), d.day()));
        }
        if (out.isEmpty()) {
            return out;
        }
        Array plants = c.createArrayOf("text", out.keySet().stream().map(PlantDay::plant).toArray());
        Array dates = c.createArrayOf("date", out.keySet().stream().map(d -> java.sql.Date.valueOf(d.day()))
                .toArray());
        try (PreparedStatement ps = c.prepareStatement("select v.plant, v.day, v.record_id, v.upload_id, "
                + "v.file_name, v.sheet, v.row_num, v.effluent_flow_mgd, v.bypass_flow_mgd, " + FLAG_COLUMNS
                + " from ingest.v_ops_day_current v join unnest(?::text[], ?::date[]) d(plant, day) "
                + "on d.plant = v.plant and d.day = v.day "
                + "left join qaqc.v_record_flag f on f.record_type = 'ops' and f.record_id = v.record_id")) {
            ps.setArray(1, plants);
            ps.setArray(2, dates);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    DayInputs d = out.get(new PlantDay(rs.getString(1), rs.getObject(2, LocalDate.class)));
                    d.ops = new InputRecord("ops", "ops", rs.getLong(3), rs.getLong(4), rs.getString(5),
                            rs.getString(6), rs.getInt(7), null, (Double) rs.getObject(8), null,
                            (Double) rs.getObject(9), integer(rs, 10), integer(rs, 11), (Long) rs.getObject(12),
                            integer(rs, 13), strings(rs.getArray(14)));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("select r.plant, r.sample_date, r.record_id, r.upload_id, "
                + "r.file_name, r.row_num, r.unique_id, r.point, r.value, r.uncertainty, " + FLAG_COLUMNS
                + " from ingest.v_lab_reading r join unnest(?::text[], ?::date[]) d(plant, day) "
                + "on d.plant = r.plant and d.day = r.sample_date "
                + "left join qaqc.v_record_flag f on f.record_type = 'lab' and f.record_id = r.record_id "
                + "where lower(r.parameter) = lower(?) and r.point in (?, ?) order by r.record_id")) {
            ps.setArray(1, plants);
            ps.setArray(2, dates);
            ps.setString(3, m.parameter);
            ps.setString(4, m.upstreamPoint);
            ps.setString(5, m.downstreamPoint);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    DayInputs d = out.get(new PlantDay(rs.getString(1), rs.getObject(2, LocalDate.class)));
                    String role = m.upstreamPoint.equals(rs.getString(8)) ? "ca_upstream" : "ca_downstream";
                    d.lab.add(new InputRecord(role, "lab", rs.getLong(3), rs.getLong(4), rs.getString(5), null,
                            rs.getInt(6), rs.getString(7), (Double) rs.getObject(9), (Double) rs.getObject(10), null,
                            integer(rs, 11), integer(rs, 12), (Long) rs.getObject(13), integer(rs, 14),
                            strings(rs.getArray(15))));
                }
            }
        }
        return out;
    }

    private static Integer integer(ResultSet rs, int column) throws SQLException {
        Object o = rs.getObject(column);
        return o == null ? null : ((Number) o).intValue();
    }

    private static List<String> strings(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }
}
