package org.carbonmrv.mrv.dashboard;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.Sql;
import org.carbonmrv.mrv.config.MrvConfig;
import org.carbonmrv.mrv.removal.PeriodTotals;
import org.carbonmrv.mrv.removal.RemovalFlag;
import org.carbonmrv.mrv.removal.RemovalQueryService;

import io.quarkus.qute.TemplateData;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the dashboard shows for one plant and day range: the stored daily figures (the same rows the API lists),
 * plus context read from the upstream views (bypass flow from ingest, pH sensors' daily statistics from ingest and
 * their completeness from qaqc). Everything is read; nothing here computes a removal.
 */
@ApplicationScoped
public class DashboardService {

    /** One view: the days as the API lists them, their totals, and the charts' data as JSON. */
    @TemplateData
    public record View(String plant, LocalDate from, LocalDate to, List<Map<String, Object>> days,
            Map<String, Object> totals, Map<String, Integer> flagCounts, boolean truncated, String chartJson) {
    }

    /** Columns of a listed day the charts take as they are. */
    private static final List<String> DAY_SERIES = List.of("flag", "approval_state", "needs_review", "co2_t",
            "conservative_co2_t", "u_co2_t", "ca_upstream_mg_per_l", "ca_downstream_mg_per_l", "flow_mgd");

    private final RemovalQueryService queries;
    private final Sql sql;
    private final ObjectMapper json;
    private final MrvConfig config;

    public DashboardService(RemovalQueryService queries, Sql sql, ObjectMapper json, MrvConfig config) {
        this.queries = queries;
        this.sql = sql;
        this.json = json;
        this.config = config;
    }

    public List<Map<String, Object>> plants() {
        return queries.plants();
    }

    /**
     * The default range of a plant: its last {@code mrv.dashboard.default-months} months of figures.
     * @param plants as {@link #plants()} lists them
     */
    public LocalDate[] defaultRange(List<Map<String, Object>> plants, String plant) {
        for (Map<String, Object> p : plants) {
            if (p.get("plant").equals(plant)) {
                LocalDate last = (LocalDate) p.get("last_day");
                LocalDate first = (LocalDate) p.get("first_day");
                LocalDate from = last.minusMonths(config.dashboard().defaultMonths()).plusDays(1);
                return new LocalDate[] {from.isBefore(first) ? first : from, last};
            }
        }
        LocalDate today = LocalDate.now();
        return new LocalDate[] {today.minusMonths(config.dashboard().defaultMonths()).plusDays(1), today};
    }

    /** @param where a condition over mrv.v_removal_day that already restricts plant and range, as the API's */
    public View view(String plant, LocalDate from, LocalDate to, String where, List<Object> params) {
        int max = config.dashboard().maxDays();
        List<Map<String, Object>> days = queries.days(where, params, 0, max + 1);
        boolean truncated = days.size() > max;
        if (truncated) {
            days = days.subList(0, max);
        }
        double k = config.uncertainty().coverageFactor();
        PeriodTotals running = new PeriodTotals(plant, "all");
        Map<String, Integer> flagCounts = new LinkedHashMap<>();
        for (RemovalFlag f : RemovalFlag.values()) {
            flagCounts.put(f.name(), 0);
        }
        Map<LocalDate, Map<String, Object>> bypass = new TreeMap<>();
        sql.rows("select day, bypass_flow_mgd, bypass_hours from ingest.v_ops_day_current where plant = ? "
                + "and day between ? and ?", List.of(plant, from, to)).forEach(r -> bypass.put((LocalDate) r.get("day"), r));

        Map<String, List<Object>> series = new LinkedHashMap<>();
        series.put("day", new ArrayList<>());
        for (String s : DAY_SERIES) {
            series.put(s, new ArrayList<>());
        }
        for (String s : List.of("bypass_flow_mgd", "cumulative_valid_co2_t", "cumulative_conservative_valid_co2_t")) {
            series.put(s, new ArrayList<>());
        }
        for (Map<String, Object> d : days) {
            LocalDate day = (LocalDate) d.get("day");
            String flag = (String) d.get("flag");
            flagCounts.merge(flag, 1, Integer::sum);
            running.add(day, flag, (String) d.get("approval_state"), (Boolean) d.get("needs_review"),
                    (Double) d.get("co2_t"), (Double) d.get("u_co2_ca_t"), (Double) d.get("u_co2_flow_t"));
            series.get("day").add(day.toString());
            for (String s : DAY_SERIES) {
                series.get(s).add(d.get(s));
            }
            Map<String, Object> ops = bypass.get(day);
            series.get("bypass_flow_mgd").add(ops == null ? null : ops.get("bypass_flow_mgd"));
            series.get("cumulative_valid_co2_t").add(running.validCo2());
            series.get("cumulative_conservative_valid_co2_t").add(running.validCo2() - k * running.uValidCo2());
        }
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("plant", plant);
        chart.put("from", from.toString());
        chart.put("to", to.toString());
        chart.put("coverage_factor", k);
        chart.put("days", series);
        chart.put("flag_counts", flagCounts);
        chart.put("ph", ph(plant, from, to));
        return new View(plant, from, to, days, running.toMap(k), flagCounts, truncated, toScriptJson(chart));
    }

    /** pH sensors of the plant: daily mean, min and max of the numeric readings, and qaqc's completeness. */
    private List<Map<String, Object>> ph(String plant, LocalDate from, LocalDate to) {
        Map<String, Map<String, Object>> sensors = new TreeMap<>();
        for (Map<String, Object> r : sql.rows("select series_id, sensor_id, point from ingest.v_sensor_series "
                + "where plant = ? and lower(unit) = 'ph' order by sensor_id", List.of(plant))) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("sensor_id", r.get("sensor_id"));
            s.put("point", r.get("point"));
            for (String k : List.of("day", "mean", "min", "max", "readings", "completeness_pct")) {
                s.put(k, new ArrayList<>());
            }
            sensors.put((String) r.get("sensor_id"), s);
        }
        if (sensors.isEmpty()) {
            return List.of();
        }
        Map<String, Double> completeness = new TreeMap<>();
        sql.rows("select sensor_id, day, completeness_pct from qaqc.v_sensor_day where plant = ? and day between ? "
                + "and ?", List.of(plant, from, to)).forEach(r -> completeness.put(r.get("sensor_id") + "|" + r.get("day"),
                        (Double) r.get("completeness_pct")));
        java.time.ZoneId zone = zone(plant);
        // the plant's local days: readings are instants
        for (Map<String, Object> r : sql.rows("select sensor_id, (ts at time zone ?)::date as day, avg(value) as mean, "
                + "min(value) as min, max(value) as max, count(value) as readings from ingest.v_sensor_reading "
                + "where plant = ? and lower(unit) = 'ph' and ts >= ? and ts < ? group by 1, 2 order by 1, 2",
                List.of(zone.getId(), plant, from.atStartOfDay(zone).toOffsetDateTime(),
                        to.plusDays(1).atStartOfDay(zone).toOffsetDateTime()))) {
            Map<String, Object> s = sensors.get((String) r.get("sensor_id"));
            add(s, "day", r.get("day").toString());
            for (String k : List.of("mean", "min", "max", "readings")) {
                add(s, k, r.get(k));
            }
            add(s, "completeness_pct", completeness.get(r.get("sensor_id") + "|" + r.get("day")));
        }
        return new ArrayList<>(sensors.values());
    }

    /** The plant's zone in the registry (ingest.v_plant); UTC for a plant not in it. */
    private java.time.ZoneId zone(String plant) {
        List<Map<String, Object>> rows = sql.rows("select time_zone from ingest.v_plant where plant = ?",
                List.of(plant));
        return rows.isEmpty() ? java.time.ZoneOffset.UTC : java.time.ZoneId.of((String) rows.get(0).get("time_zone"));
    }

    @SuppressWarnings("unchecked")
    private static void add(Map<String, Object> series, String key, Object value) {
        ((List<Object>) series.get(key)).add(value);
    }

    /** JSON safe inside a script element: no "<" can close it (JSON has "<" only inside strings). */
    String toScriptJson(Object value) {
        try {
            return json.writeValueAsString(value).replace("<", "\\u003c");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
