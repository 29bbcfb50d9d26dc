package org.carbonmrv.qaqc.grades;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.carbonmrv.common.Conditions;
import org.carbonmrv.common.Jdbc;
import org.carbonmrv.common.vocabulary.QartodFlag;
import org.carbonmrv.common.vocabulary.RecordType;
import org.carbonmrv.qaqc.override.FlagOverride;
import org.carbonmrv.qaqc.override.OverrideRepository;

import io.agroal.api.AgroalDataSource;

/**
 * The reads of grades: current flags ({@code qaqc.v_record_flag}) by a {@link GradeQuery}, turned into SQL here
 * only with every value bound; per-day summaries; a record's every grading; the job queue.
 */
@ApplicationScoped
public class GradeReadRepository {

    private static final String FLAG_COLUMNS = "record_type, record_id, plant, parameter, ts, day, flag, auto_flag, "
            + "override_id, config_version, job_id, test_names, test_flags, reasons, at";
    private static final String JOB_COLUMNS = "id, kind, source_event_id, upload_id, record_type, config_version, "
            + "status, attempts, last_error, created_at, updated_at, done_at, source_calibration_id";

    private final AgroalDataSource dataSource;
    private final OverrideRepository overrides;

    public GradeReadRepository(AgroalDataSource dataSource, OverrideRepository overrides) {
        this.dataSource = dataSource;
        this.overrides = overrides;
    }

    /**
     * Conditions over qaqc.v_record_flag, every value bound. A day range is put on the record's time and on its
     * day: the day reaches the sensor rows' index before their arrays are unnested.
     */
    private static Conditions where(String plant, RecordType type, String parameter, LocalDate from, LocalDate to,
            QartodFlag flag) {
        return new Conditions().and("plant = ?", plant).and("record_type = ?", type == null ? null : type.code())
                .and("parameter = ?", parameter)
                .and("ts >= ?", start(from)).and("day >= ?", from)
                .and("ts < ?", end(to)).and("day <= ?", to)
                .and("flag = ?", flag == null ? null : flag.code);
    }

    /** Current flags of a query, in the listing's order (record type, time, record id). */
    public List<RecordFlag> flags(GradeQuery q, int offset, int limit) {
        if (q.recordType() == RecordType.SENSOR && q.flag() == null) {
            return sensorFlags(q, offset, limit);
        }
        Conditions w = where(q);
        return Jdbc.list(dataSource, "select " + FLAG_COLUMNS + " from qaqc.v_record_flag" + w.sql()
                + " order by record_type, ts, record_id limit ? offset ?", GradeReadRepository::flag,
                w.params(limit, (long) offset));
    }

    /**
     * A page of sensor flags without a flag filter, as qaqc.v_record_flag gives them: the readings' places are
     * sorted and cut to the page first, and only the page's readings are joined to their outcomes and overrides (an
     * override changes a flag, never a reading's place), not a whole day's thousands before the cut.
     */
    private List<RecordFlag> sensorFlags(GradeQuery q, int offset, int limit) {
        Conditions rows = sensorRows("c", q)
                .and("(u.ts at time zone c.time_zone) >= ?", start(q.from()))
                .and("(u.ts at time zone c.time_zone) < ?", end(q.to()));
        return Jdbc.list(dataSource, "select 'sensor'::text, p.record_id, p.plant, p.sensor_id, p.ts, p.day, "
                + "coalesce(o.flag, x.flag), x.flag, o.id, p.config_version, p.job_id, x.test_names, x.test_flags, "
                + "x.reasons, p.at from (select c.plant, c.sensor_id, c.day, c.config_version, c.job_id, u.record_id, "
                + "(u.ts at time zone c.time_zone) as ts, u.ts as at, u.outcome from " + currentRows("c")
                + " cross join lateral unnest(c.record_ids, c.ts, c.outcomes) u (record_id, ts, outcome)" + rows.sql()
                + " order by 7, 6 limit ? offset ?) p join qaqc.sensor_outcome x on x.job_id = p.job_id "
                + "and x.outcome = p.outcome left join lateral qaqc.override_of('sensor', p.record_id, p.plant, "
                + "p.sensor_id, p.ts) o on true order by p.ts, p.record_id", GradeReadRepository::flag,
                rows.params(limit, (long) offset));
    }

    /** Records a query matches per record type and day, in the listing's order; days with none left out. */
    public List<GradeRecords.DayCount> dayCounts(GradeQuery q) {
        // without a flag filter a day's count is its records', whatever overrides say of their flags
        FlagCounts c = q.flag() == null ? recordCounts(q) : flagCounts(q);
        String n = q.flag() == null ? "good + not_evaluated + suspect + fail + missing" : switch (q.flag()) {
            case GOOD -> "good";
            case NOT_EVALUATED -> "not_evaluated";
            case SUSPECT -> "suspect";
            case FAIL -> "fail";
            case MISSING -> "missing";
        };
        // planned for its values (not Jdbc.listWithKeptPlan): its generic plan is far slower for a long history
        return Jdbc.list(dataSource, "select record_type, day, sum(" + n + ") from (" + c.sql() + ") c "
                + "group by record_type, day having sum(" + n + ") > 0 order by record_type, day",
                rs -> new GradeRecords.DayCount(RecordType.of(rs.getString(1)), rs.getObject(2, LocalDate.class),
                        rs.getLong(3)), c.with());
    }

    /** Per plant, record type, parameter and day: records per flag, and a sensor-day's completeness. */
    public List<GradeRecords.DaySummary> summary(String plant, LocalDate from, LocalDate to) {
        FlagCounts c = flagCounts(new GradeQuery(plant, null, null, from, to, null));
        // the completeness of the query's sensor-days only: a join condition does not reach into the view's
        // DISTINCT ON
        Conditions days = new Conditions().and("plant = ?", plant).and("day >= ?", from).and("day <= ?", to);
        // counted per day first, then each sensor-day's completeness joined once (not per reading)
        return Jdbc.listWithKeptPlan(dataSource, "select f.plant, f.record_type, f.parameter, f.day, "
                + "f.good + f.not_evaluated + f.suspect + f.fail + f.missing, f.good, f.not_evaluated, f.suspect, "
                + "f.fail, f.missing, d.completeness_pct, d.gaps::text from (select plant, record_type, parameter, "
                + "day, sum(good) as good, sum(not_evaluated) as not_evaluated, sum(suspect) as suspect, "
                + "sum(fail) as fail, sum(missing) as missing from (" + c.sql() + ") c group by plant, record_type, parameter, day) f "
                + "left join (select * from qaqc.v_sensor_day" + days.sql() + ") d on f.record_type = 'sensor' "
                + "and d.plant = f.plant "
                + "and d.sensor_id = f.parameter and d.day = f.day "
                + "order by f.plant, f.record_type, f.parameter, f.day", rs -> new GradeRecords.DaySummary(
                        rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4, LocalDate.class),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10),
                        Jdbc.number(rs, 11), rs.getString(12)), c.with(days.params()));
    }

    /** A query's current flags as 0/1 or count columns (plant, record_type, parameter, day, good ... missing). */
    private record FlagCounts(String sql, List<Object> params) {

        /** Its values, then {@code more} (those of the SQL around it). */
        Object[] with(Object... more) {
            List<Object> all = new ArrayList<>(params);
            all.addAll(Arrays.asList(more));
            return all.toArray();
        }
    }

    /**
     * The current flags a query matches, without the flag filter: sensor rows by the counts the grader stored with
     * them; a row that an active override touches reading by reading, the override applied (as qaqc.v_record_flag
     * and qaqc.sensor_grade_reading do); lab and ops from qaqc.v_record_flag.
     */
    private static FlagCounts flagCounts(GradeQuery q) {
        List<String> parts = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (q.recordType() == null || q.recordType() == RecordType.SENSOR) {
            Conditions rows = sensorRows("g", q).and("not " + touchedByOverride("g"));
            parts.add("select g.plant, 'sensor'::text, g.sensor_id, g.day, g.good_count, g.not_evaluated_count, "
                    + "g.suspect_count, g.fail_count, g.missing_count from " + currentRows("g") + rows.sql());
            // the touched rows found first (offset 0 keeps the planner from unnesting every row before the test)
            Conditions touched = sensorRows("g", q).and(touchedByOverride("g"));
            parts.add("select t.plant, 'sensor'::text, t.sensor_id, t.day, " + byFlag("coalesce(o.flag, x.flag)")
                    + " from (select g.* from " + currentRows("g") + touched.sql() + " offset 0) t "
                    + "cross join lateral unnest(t.record_ids, t.ts, t.outcomes) u (record_id, ts, outcome) "
                    + "join qaqc.sensor_outcome x on x.job_id = t.job_id and x.outcome = u.outcome "
                    + "left join lateral qaqc.override_of('sensor', u.record_id, t.plant, t.sensor_id, "
                    + "u.ts at time zone t.time_zone) o on true");
            params.addAll(Arrays.asList(rows.params()));
            params.addAll(Arrays.asList(touched.params()));
        }
        labAndOps(q, parts, params);
        return union(parts, params);
    }

    /** The lab and ops records of a query as 0/1 columns per flag, added to {@code parts}. */
    private static void labAndOps(GradeQuery q, List<String> parts, List<Object> params) {
        if (q.recordType() != RecordType.SENSOR) {
            Conditions labAndOps = where(q.plant(), q.recordType(), q.parameter(), q.from(), q.to(), null)
                    .and("record_type <> 'sensor'");
            parts.add("select plant, record_type, parameter, day, " + byFlag("flag") + " from qaqc.v_record_flag"
                    + labAndOps.sql());
            params.addAll(Arrays.asList(labAndOps.params()));
        }
    }

    private static FlagCounts union(List<String> parts, List<Object> params) {
        return new FlagCounts("select * from (" + String.join(" union all ", parts) + ") u (plant, record_type, "
                + "parameter, day, good, not_evaluated, suspect, fail, missing)", params);
    }

    /**
     * The records a query matches, in the columns of {@link #flagCounts} with every record under good: sensor rows
     * by the readings they hold, without looking for the overrides that touch them.
     */
    private static FlagCounts recordCounts(GradeQuery q) {
        List<String> parts = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (q.recordType() == null || q.recordType() == RecordType.SENSOR) {
            Conditions rows = sensorRows("g", q);
            parts.add("select g.plant, 'sensor'::text, g.sensor_id, g.day, g.good_count + g.not_evaluated_count "
                    + "+ g.suspect_count + g.fail_count + g.missing_count, 0, 0, 0, 0 from " + currentRows("g")
                    + rows.sql());
            params.addAll(Arrays.asList(rows.params()));
        }
        labAndOps(q, parts, params);
        return union(parts, params);
    }

    /** The compact sensor rows of each upload's current grading, as {@code alias}. */
    private static String currentRows(String alias) {
        return ("qaqc.sensor_grade %1$s join qaqc.sensor_current_job cur on cur.upload_id = %1$s.upload_id "
                + "and cur.job_id = %1$s.job_id").formatted(alias);
    }

    /** The first local instant of a day, or null. */
    private static LocalDateTime start(LocalDate day) {
        return day == null ? null : day.atStartOfDay();
    }

    /** The first local instant after a day, or null. */
    private static LocalDateTime end(LocalDate day) {
        return day == null ? null : day.plusDays(1).atStartOfDay();
    }

    /** Sensor grade rows (or their readings) a query matches, by the columns of {@code alias}. */
    private static Conditions sensorRows(String alias, GradeQuery q) {
        return new Conditions().and(alias + ".plant = ?", q.plant()).and(alias + ".sensor_id = ?", q.parameter())
                .and(alias + ".day >= ?", q.from()).and(alias + ".day <= ?", q.to());
    }

    /** Whether an active override can cover a reading of the compact row {@code alias} stands for. */
    private static String touchedByOverride(String alias) {
        return ("exists (select 1 from qaqc.override o where o.revoked_at is null and qaqc.override_touches(o, "
                + "%1$s.plant, %1$s.sensor_id, %1$s.day, %1$s.first_record_id, %1$s.last_record_id))").formatted(alias);
    }

    /** A record's flag as one 0/1 column per flag: GOOD, NOT_EVALUATED, SUSPECT, FAIL, MISSING. */
    private static String byFlag(String flag) {
        return "(%1$s = 1)::int, (%1$s = 2)::int, (%1$s = 3)::int, (%1$s = 4)::int, (%1$s = 9)::int".formatted(flag);
    }

    /** Every grading of one record, the overrides covering it, and its current grade; empty when never graded. */
    public Optional<GradeRecords.History> history(RecordType type, long id) {
        // lab and ops from their rows, a sensor reading from the rows whose id range holds it (an index lookup, not
        // an unnesting of every sensor grade)
        boolean sensor = type == RecordType.SENSOR;
        String source = sensor
                ? "select record_id, plant, sensor_id as parameter, ts, day, flag, config_version, job_id, "
                        + "test_names, test_flags, reasons, graded_at, at from qaqc.sensor_grade_reading "
                        + "where int8range(first_record_id, last_record_id, '[]') @> ?::bigint and record_id = ?"
                : "select record_id, plant, parameter, ts, ts::date as day, flag, config_version, job_id, test_names, "
                        + "test_flags, reasons, graded_at, null::timestamptz as at from qaqc.grade "
                        + "where record_type = ? and record_id = ?";
        Object first = sensor ? (Object) id : type.code();
        List<GradeRecords.Grading> grades = Jdbc.list(dataSource, "select job_id, config_version, flag, "
                + "test_names, test_flags, reasons, graded_at from (" + source + ") g order by job_id",
                rs -> new GradeRecords.Grading(rs.getLong(1), rs.getInt(2), rs.getInt(3), Jdbc.texts(rs, 4),
                        Jdbc.smallints(rs, 5), Jdbc.texts(rs, 6), Jdbc.instant(rs, 7)), first, id);
        if (grades.isEmpty()) {
            return Optional.empty();
        }
        // as qaqc.v_record_flag gives it: the latest grading, the newest active override applied
        RecordFlag current = Jdbc.list(dataSource, "select ?::text, g.record_id, g.plant, g.parameter, g.ts, g.day, "
                + "coalesce(o.flag, g.flag), g.flag, o.id, g.config_version, g.job_id, g.test_names, g.test_flags, "
                + "g.reasons, g.at from (" + source + " order by job_id desc limit 1) g "
                + "left join lateral qaqc.override_of(?, g.record_id, g.plant, g.parameter, g.ts) o on true",
                GradeReadRepository::flag, type.code(), first, id, type.code()).get(0);
        List<FlagOverride> covering = overrides.covering(type.code(), id, current.plant(), current.parameter(),
                current.ts());
        return Optional.of(new GradeRecords.History(type.code(), id, current, grades, covering));
    }

    /** Grading jobs (all, or of one status), newest first. */
    public List<GradeRecords.JobEntry> jobs(String status, int limit) {
        return Jdbc.list(dataSource, "select " + JOB_COLUMNS + " from qaqc.job where (?::text is null or status = ?) "
                + "order by id desc limit ?", rs -> new GradeRecords.JobEntry(rs.getLong(1), rs.getString(2),
                        Jdbc.bigint(rs, 3), rs.getLong(4), rs.getString(5), Jdbc.integer(rs, 6), rs.getString(7),
                        rs.getInt(8), rs.getString(9), Jdbc.instant(rs, 10), Jdbc.instant(rs, 11),
                        Jdbc.instant(rs, 12), Jdbc.bigint(rs, 13)), status, status, limit);
    }

    private static Conditions where(GradeQuery q) {
        return where(q.plant(), q.recordType(), q.parameter(), q.from(), q.to(), q.flag());
    }

    private static RecordFlag flag(ResultSet rs) throws SQLException {
        int flag = rs.getInt(7);
        return new RecordFlag(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                rs.getObject(5, LocalDateTime.class), rs.getObject(6, LocalDate.class), flag,
                QartodFlag.of(flag).name(), rs.getInt(8), Jdbc.bigint(rs, 9),
                rs.getInt(10), rs.getLong(11), Jdbc.texts(rs, 12), Jdbc.smallints(rs, 13), Jdbc.texts(rs, 14),
                Jdbc.instant(rs, 15));
    }
}
