package org.carbonmrv.mrv.dashboard;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.Jdbc;

import io.agroal.api.AgroalDataSource;

/**
 * The dashboard's context beside the figures, read from the upstream services' published views: bypass flow per
 * day (ingest), pH sensors and their daily statistics (ingest) and completeness (qaqc).
 */
@ApplicationScoped
public class DashboardReadRepository {

    /** A pH sensor of a plant and the sampling point it sits at. */
    public record PhSensor(String sensorId, String point) {
    }

    /** A pH sensor's plant-local day: mean, min and max of its numeric readings, and how many. */
    public record PhDay(String sensorId, LocalDate day, Double mean, Double min, Double max, long readings) {
    }

    /** A value of a day (of a sensor, where it has one). */
    private record DayValue(String sensorId, LocalDate day, Double value) {
        static DayValue read(java.sql.ResultSet rs) throws java.sql.SQLException {
            return new DayValue(rs.getString(1), rs.getObject(2, LocalDate.class), Jdbc.number(rs, 3));
        }
    }

    /**
     * The revisions ingest and qaqc publish for a plant: each moves at the commit of any change to what their views
     * show of it, so a view's context read after them is current while both stay.
     */
    public record UpstreamRevision(long ingest, long qaqc) {
    }

    private final AgroalDataSource dataSource;

    public DashboardReadRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public UpstreamRevision upstreamRevision(String plant) {
        return Jdbc.list(dataSource, "select "
                + "coalesce((select revision from ingest.v_plant_revision where plant = ?), 0), "
                + "coalesce((select revision from qaqc.v_plant_revision where plant = ?), 0)",
                rs -> new UpstreamRevision(rs.getLong(1), rs.getLong(2)), plant, plant).get(0);
    }

    /** The current operations record's bypass flow, by day. */
    public Map<LocalDate, Double> bypassFlowMgd(String plant, LocalDate from, LocalDate to) {
        Map<LocalDate, Double> out = new HashMap<>();
        for (DayValue d : Jdbc.list(dataSource, "select null, day, bypass_flow_mgd from ingest.v_ops_day_current "
                + "where plant = ? and day between ? and ?", DayValue::read, plant, from, to)) {
            out.put(d.day(), d.value());
        }
        return out;
    }

    public List<PhSensor> phSensors(String plant) {
        return Jdbc.list(dataSource, "select sensor_id, point from ingest.v_sensor_series where plant = ? and "
                + "lower(unit) = 'ph' order by sensor_id", rs -> new PhSensor(rs.getString(1), rs.getString(2)),
                plant);
    }

    /**
     * The pH sensors' plant-local days, from ingest's daily statistics per upload (a plant-year is hundreds of rows,
     * not a million readings): a day's mean is its uploads' sums over their numeric readings.
     */
    public List<PhDay> phDays(String plant, LocalDate from, LocalDate to) {
        return Jdbc.list(dataSource, "select sensor_id, day, sum(value_sum) / nullif(sum(numeric_readings), 0), "
                + "min(value_min), max(value_max), sum(numeric_readings) from ingest.v_sensor_day_stats "
                + "where plant = ? and lower(unit) = 'ph' and day between ? and ? group by 1, 2 order by 1, 2",
                rs -> new PhDay(rs.getString(1), rs.getObject(2, LocalDate.class), Jdbc.number(rs, 3),
                        Jdbc.number(rs, 4), Jdbc.number(rs, 5), rs.getLong(6)), plant, from, to);
    }

    /** qaqc's completeness of each sensor's day (%), keyed by sensor id and day. */
    public Map<String, Double> completenessPct(String plant, LocalDate from, LocalDate to) {
        Map<String, Double> out = new HashMap<>();
        for (DayValue d : Jdbc.list(dataSource, "select sensor_id, day, completeness_pct from qaqc.v_sensor_day "
                + "where plant = ? and day between ? and ?", DayValue::read, plant, from, to)) {
            out.put(key(d.sensorId(), d.day()), d.value());
        }
        return out;
    }

    public static String key(String sensorId, LocalDate day) {
        return sensorId + "|" + day;
    }
}
