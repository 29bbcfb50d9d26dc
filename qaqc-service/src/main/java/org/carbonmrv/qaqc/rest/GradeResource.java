package org.carbonmrv.qaqc.rest;

import org.carbonmrv.common.security.Roles;
import org.carbonmrv.common.Sql;
import org.carbonmrv.common.vocabulary.QartodFlag;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import org.carbonmrv.common.problem.Problem;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "grades", description = "Current flags, summaries and each record's history")
@RolesAllowed({Roles.VIEWER, Roles.SERVICE, Roles.ENGINEER, Roles.REVIEWER, Roles.ADMIN})
public class GradeResource {

    static final String NAME = "[A-Za-z0-9][A-Za-z0-9_.-]{0,63}";

    private final Sql sql;

    public GradeResource(Sql sql) {
        this.sql = sql;
    }

    @GET
    @Path("/grades")
    @Operation(summary = "Current grade of each record (override applied)", description = "Filters: plant, "
            + "record_type, parameter (lab parameter, sensor id, ops quantity), from/to days (inclusive), flag")
    public Map<String, Object> grades(@QueryParam("plant") @Pattern(regexp = NAME) String plant,
            @QueryParam("record_type") @Pattern(regexp = "lab|sensor|ops") String type,
            @QueryParam("parameter") @Pattern(regexp = NAME) String parameter,
            @QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to,
            @QueryParam("flag") @Parameter(description = "GOOD, NOT_EVALUATED, SUSPECT, FAIL, MISSING or their codes 1, 2, 3, 4, 9") String flag,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("500") @Min(1) @Max(10000) int size) {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        add(where, params, "plant = ?", plant);
        add(where, params, "record_type = ?", type);
        add(where, params, "parameter = ?", parameter);
        range(where, params, from, to);
        add(where, params, "flag = ?", flag == null || flag.isBlank() ? null : QartodFlag.parse(flag)
                .orElseThrow(() -> Problem.badRequest("flag", "'" + flag + "' is not a flag: " + QartodFlag.names()))
                .code);
        String filter = where.isEmpty() ? "" : " where " + String.join(" and ", where);
        long total = sql.count("select count(*) from qaqc.v_record_flag" + filter, params);
        List<Object> paged = new ArrayList<>(params);
        paged.add(size);
        paged.add((long) page * size);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", sql.rows("select * from qaqc.v_record_flag" + filter
                + " order by record_type, ts, record_id limit ? offset ?", paged));
        out.put("page", page);
        out.put("size", size);
        out.put("total", total);
        return out;
    }

    @GET
    @Path("/grades/summary")
    @Operation(summary = "Per plant, record type, parameter and day: records per flag, and sensor completeness")
    public List<Map<String, Object>> summary(@QueryParam("plant") @Pattern(regexp = NAME) String plant,
            @QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to) {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        add(where, params, "plant = ?", plant);
        range(where, params, from, to);
        String filter = where.isEmpty() ? "" : " where " + String.join(" and ", where);
        // counted per day first, then each sensor-day's completeness joined once (not per reading)
        return sql.rows("select f.plant, f.record_type, f.parameter, f.day, f.records, f.good, f.not_evaluated, "
                + "f.suspect, f.fail, f.missing, d.completeness_pct, d.gaps::text as gaps "
                + "from (select plant, record_type, parameter, day, count(*) as records, "
                + "count(*) filter (where flag = 1) as good, count(*) filter (where flag = 2) as not_evaluated, "
                + "count(*) filter (where flag = 3) as suspect, count(*) filter (where flag = 4) as fail, "
                + "count(*) filter (where flag = 9) as missing from qaqc.v_record_flag" + filter
                + " group by plant, record_type, parameter, day) f "
                + "left join qaqc.v_sensor_day d on f.record_type = 'sensor' and d.plant = f.plant "
                + "and d.sensor_id = f.parameter and d.day = f.day "
                + "order by f.plant, f.record_type, f.parameter, f.day", params);
    }

    @GET
    @Path("/records/{type}/{id}/history")
    @Operation(summary = "Every grade and override of one record, in order")
    public Map<String, Object> history(@PathParam("type") @Pattern(regexp = "lab|sensor|ops") String type,
            @PathParam("id") long id) {
        // every grade of the record: lab and ops from their rows, a sensor reading from the rows whose id range
        // holds it (an index lookup, not an unnesting of every sensor grade)
        boolean sensor = "sensor".equals(type);
        String source = sensor
                ? "select record_id, plant, sensor_id as parameter, ts, day, flag, config_version, job_id, test_names, "
                        + "test_flags, reasons, graded_at from qaqc.sensor_grade_reading "
                        + "where int8range(first_record_id, last_record_id, '[]') @> ?::bigint and record_id = ?"
                : "select record_id, plant, parameter, ts, ts::date as day, flag, config_version, job_id, test_names, "
                        + "test_flags, reasons, graded_at from qaqc.grade where record_type = ? and record_id = ?";
        List<Object> sourceParams = sensor ? List.of(id, id) : List.of(type, id);
        List<Map<String, Object>> grades = sql.rows("select job_id, config_version, flag, test_names, test_flags, "
                + "reasons, graded_at from (" + source + ") g order by job_id", sourceParams);
        if (grades.isEmpty()) {
            throw Problem.status(Response.Status.NOT_FOUND).title("No grades")
                    .detail(type + " record " + id + " has not been graded").build();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("record_type", type);
        out.put("record_id", id);
        // as qaqc.v_record_flag gives it: the latest grading, the newest active override applied
        out.put("current", sql.rows("select ?::text as record_type, g.record_id, g.plant, g.parameter, g.ts, g.day, "
                + "coalesce(o.flag, g.flag) as flag, g.flag as auto_flag, o.id as override_id, g.config_version, "
                + "g.job_id, g.test_names, g.test_flags, g.reasons from (" + source + " order by job_id desc limit 1) g "
                + "left join lateral qaqc.override_of(?, g.record_id, g.plant, g.parameter, g.ts) o on true",
                List.of(type, sourceParams.get(0), sourceParams.get(1), type)).get(0));
        out.put("grades", grades);
        out.put("overrides", sql.rows("select o.* from (" + source + " order by job_id desc limit 1) g "
                + "join qaqc.override o on qaqc.override_covers(o, ?, g.record_id, g.plant, g.parameter, g.ts) "
                + "order by o.id", List.of(sourceParams.get(0), sourceParams.get(1), type)));
        return out;
    }

    @GET
    @Path("/jobs")
    @Operation(summary = "Grading jobs, newest first; status=PARKED shows those that kept failing, with the error")
    public List<Map<String, Object>> jobs(@QueryParam("status") @Pattern(regexp = "PENDING|DONE|PARKED") String status,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size) {
        List<Object> params = new ArrayList<>();
        String filter = "";
        if (status != null) {
            filter = " where status = ?";
            params.add(status);
        }
        params.add(size);
        return sql.rows("select * from qaqc.job" + filter + " order by id desc limit ?", params);
    }

    /**
     * Days {@code from} to {@code to} (inclusive) on the record's time and on its day: the day reaches the sensor rows'
     * index before their arrays are unnested.
     */
    private static void range(List<String> where, List<Object> params, LocalDate from, LocalDate to) {
        add(where, params, "ts >= ?", from == null ? null : from.atStartOfDay());
        add(where, params, "day >= ?", from);
        add(where, params, "ts < ?", to == null ? null : to.plusDays(1).atStartOfDay());
        add(where, params, "day <= ?", to);
    }

    private static void add(List<String> where, List<Object> params, String condition, Object value) {
        if (value != null) {
            where.add(condition);
            params.add(value);
        }
    }
}
