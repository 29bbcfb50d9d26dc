package org.carbonmrv.qaqc.grades;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
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
                .and("ts >= ?", from == null ? null : from.atStartOfDay()).and("day >= ?", from)
                .and("ts < ?", to == null ? null : to.plusDays(1).atStartOfDay()).and("day <= ?", to)
                .and("flag = ?", flag == null ? null : flag.code);
    }

    public List<RecordFlag> flags(GradeQuery q, int offset, int limit) {
        Conditions w = where(q);
        return Jdbc.list(dataSource, "select " + FLAG_COLUMNS + " from qaqc.v_record_flag" + w.sql()
                + " order by record_type, ts, record_id limit ? offset ?", GradeReadRepository::flag,
                w.params(limit, (long) offset));
    }

    public long count(GradeQuery q) {
        Conditions w = where(q);
        return Jdbc.count(dataSource, "select count(*) from qaqc.v_record_flag" + w.sql(), w.params());
    }

    /** Per plant, record type, parameter and day: records per flag, and a sensor-day's completeness. */
    public List<GradeRecords.DaySummary> summary(String plant, LocalDate from, LocalDate to) {
        Conditions w = where(plant, null, null, from, to, null);
        // counted per day first, then each sensor-day's completeness joined once (not per reading)
        return Jdbc.list(dataSource, "select f.plant, f.record_type, f.parameter, f.day, f.records, f.good, "
                + "f.not_evaluated, f.suspect, f.fail, f.missing, d.completeness_pct, d.gaps::text "
                + "from (select plant, record_type, parameter, day, count(*) as records, "
                + "count(*) filter (where flag = 1) as good, count(*) filter (where flag = 2) as not_evaluated, "
                + "count(*) filter (where flag = 3) as suspect, count(*) filter (where flag = 4) as fail, "
                + "count(*) filter (where flag = 9) as missing from qaqc.v_record_flag" + w.sql()
                + " group by plant, record_type, parameter, day) f "
                + "left join qaqc.v_sensor_day d on f.record_type = 'sensor' and d.plant = f.plant "
                + "and d.sensor_id = f.parameter and d.day = f.day "
                + "order by f.plant, f.record_type, f.parameter, f.day", rs -> new GradeRecords.DaySummary(
                        rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4, LocalDate.class),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10),
                        Jdbc.number(rs, 11), rs.getString(12)), w.params());
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
