package org.carbonmrv.mrv.removal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.Sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads of the stored figures: pages, one day with its lineage and versions, period totals. */
@ApplicationScoped
public class RemovalQueryService {

    /** Columns of a day in lists and exports (the lineage is in the day's detail). */
    public static final String DAY_COLUMNS = "plant, day, flag, flow_mgd, ca_upstream_mg_per_l, "
            + "ca_downstream_mg_per_l, co2_t, delta_ca_mg_per_l, u_co2_t, u_co2_ca_t, u_co2_flow_t, "
            + "conservative_co2_t, needs_review, approval_state, version, pending_version, message, n_upstream, "
            + "n_downstream, qaqc_config_versions, methodology_id, computed_at";

    private final Sql sql;
    private final ObjectMapper json;

    public RemovalQueryService(Sql sql, ObjectMapper json) {
        this.sql = sql;
        this.json = json;
    }

    public List<Map<String, Object>> days(String where, List<Object> params, int offset, int limit) {
        List<Object> p = new ArrayList<>(params);
        p.add(limit);
        p.add(offset);
        return sql.rows("select " + DAY_COLUMNS + " from mrv.v_removal_day" + where
                + " order by plant, day limit ? offset ?", p);
    }

    /** Plants with figures: first and last day, days, VALID days. */
    public List<Map<String, Object>> plants() {
        return sql.rows("select plant, min(day) as first_day, max(day) as last_day, count(*) as days, "
                + "count(*) filter (where flag = 'VALID') as valid_days from mrv.v_removal_day group by plant "
                + "order by plant", List.of());
    }

    public long count(String where, List<Object> params) {
        return sql.count("select count(*) from mrv.v_removal_day" + where, params);
    }

    /** One day: the requested (default current) version with lineage, trigger, methodology; all versions. */
    public Map<String, Object> day(String plant, LocalDate day, Integer version) {
        List<Map<String, Object>> rows = sql.rows("select * from mrv.removal where plant = ? and day = ? and "
                + (version == null ? "state = 'CURRENT'" : "version = ?"),
                version == null ? List.of(plant, day) : List.of(plant, day, version));
        if (rows.isEmpty()) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>(rows.get(0));
        out.put("inputs", Lineage.read((String) out.get("inputs"), json));
        out.put("trigger", parse((String) out.get("trigger")));
        Map<String, Object> m = sql.rows("select id, version, definition, created_at from mrv.methodology "
                + "where id = ?", List.of(out.get("methodology_id"))).get(0);
        m.put("definition", parse((String) m.get("definition")));
        out.put("methodology", m);
        out.put("approval", first(sql.rows("select approval_state, approval_id, pending_version from "
                + "mrv.v_removal_day where plant = ? and day = ?", List.of(plant, day))));
        List<Map<String, Object>> decisions = sql.rows("select a.id, a.decision, a.comment, a.decided_by, "
                + "a.decided_at, a.from_day, a.to_day, ad.version as approved_version from mrv.approval a "
                + "left join mrv.approval_day ad on ad.approval_id = a.id and ad.day = ? where a.plant = ? "
                + "and ? between a.from_day and a.to_day order by a.id desc", List.of(day, plant, day));
        out.put("decisions", decisions);
        List<Map<String, Object>> versions = sql.rows("select version, state, flag, co2_t, conservative_co2_t, "
                + "fingerprint, computed_at, superseded_at, superseded_by_version, trigger from mrv.removal "
                + "where plant = ? and day = ? order by version", List.of(plant, day));
        versions.forEach(v -> v.put("trigger", parse((String) v.get("trigger"))));
        out.put("versions", versions);
        return out;
    }

    /** Totals per plant and period ({@code all}, {@code year} or {@code month}) of days as {@link #days} lists them. */
    public static List<Map<String, Object>> totals(List<Map<String, Object>> days, String period, double k) {
        Map<String, PeriodTotals> totals = new LinkedHashMap<>();
        for (Map<String, Object> r : days) {
            LocalDate day = (LocalDate) r.get("day");
            String p = switch (period) {
                case "year" -> String.valueOf(day.getYear());
                case "month" -> day.toString().substring(0, 7);
                default -> "all";
            };
            String plant = (String) r.get("plant");
            totals.computeIfAbsent(plant + "|" + p, x -> new PeriodTotals(plant, p)).add(day,
                    (String) r.get("flag"), (String) r.get("approval_state"), (Boolean) r.get("needs_review"),
                    (Double) r.get("co2_t"), (Double) r.get("u_co2_ca_t"), (Double) r.get("u_co2_flow_t"));
        }
        return totals.values().stream().map(t -> t.toMap(k)).toList();
    }

    private static Map<String, Object> first(List<Map<String, Object>> rows) {
        return rows.isEmpty() ? null : rows.get(0);
    }

    private Object parse(String text) {
        try {
            return text == null ? null : json.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
