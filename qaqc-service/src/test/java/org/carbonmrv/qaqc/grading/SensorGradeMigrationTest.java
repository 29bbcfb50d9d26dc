package org.carbonmrv.qaqc.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import org.carbonmrv.devstack.ScratchDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * From the first release to the latest: sensor grades stored a row per reading (V1-V6) move into their compact form
 * (V7), gain instants (V8) and their readings per flag (V12):
 * own, grades written in the old layout give the same published v_record_flag rows (flags, overrides, tests,
 * reasons, versions) and the same per-reading history after the migration as before it.
 */
class SensorGradeMigrationTest {

    private static final String ROW = "insert into qaqc.grade (record_type, record_id, job_id, config_version, flag, "
            + "test_names, test_flags, reasons, plant, parameter, ts) values ";
    private static final String SIX = "'{duplicate,missing,gross_range,spike,rate_of_change,flat_line}'";

    @Test
    void oldSensorGradesReadTheSameAfterV7() throws Exception {
        try (ScratchDatabase db = new ScratchDatabase("qaqc_migration")) {
            // written in the first release's tables (V1), then read where the published view had its V6 columns
            flyway(db, false).target("1").load().migrate();
            try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
                    Statement st = c.createStatement()) {
                st.execute("insert into qaqc.job (kind, source_event_id, upload_id, record_type, config_version, status) "
                        + "values ('upload', 1, 10, 'sensor', 1, 'DONE'), ('regrade', null, 10, 'sensor', 1, 'DONE'), "
                        + "('upload', 2, 11, 'sensor', 1, 'DONE'), ('upload', 3, 12, 'lab', 1, 'DONE')");
                // upload 10: two probes interleaved over midnight, graded by job 1 then again by job 2
                for (int job = 1; job <= 2; job++) {
                    String spike = job == 1 ? "4" : "3";
                    st.execute(ROW
                            + "('sensor', 100, " + job + ", 1, 1, " + SIX + ", '{1,1,1,1,1,1}', '{}', 'PLANT_A', 'PH0101', '2024-07-01 23:58'), "
                            + "('sensor', 102, " + job + ", 1, " + spike + ", " + SIX + ", '{1,1,1," + spike + ",1,1}', "
                            + "'{\"spike: spike of 1.702 (fail above 1.5)\"}', 'PLANT_A', 'PH0101', '2024-07-01 23:59'), "
                            + "('sensor', 104, " + job + ", 1, 9, '{duplicate,missing}', '{1,9}', '{\"missing: ''ERR'' is not a number\"}', "
                            + "'PLANT_A', 'PH0101', '2024-07-02 00:00'), "
                            + "('sensor', 101, " + job + ", 1, 1, " + SIX + ", '{1,1,1,1,1,1}', '{}', 'PLANT_A', 'PH0102', '2024-07-01 23:58'), "
                            + "('sensor', 103, " + job + ", 1, 2, " + SIX + ", '{1,1,1,2,2,1}', '{\"spike: no reading within 10 min on the left\","
                            + "\"rate_of_change: no earlier reading within 10 min\"}', 'PLANT_A', 'PH0102', '2024-07-02 00:01')");
                }
                // upload 11: an overlapping export of PH0101
                st.execute(ROW + "('sensor', 200, 3, 1, 3, " + SIX + ", '{3,1,1,1,1,1}', "
                        + "'{\"duplicate: this timestamp was already logged by another upload\"}', 'PLANT_A', 'PH0101', "
                        + "'2024-07-02 00:00'), ('sensor', 201, 3, 1, 1, " + SIX + ", '{1,1,1,1,1,1}', '{}', 'PLANT_A', "
                        + "'PH0101', '2024-07-02 00:01')");
                st.execute(ROW + "('lab', 1, 4, 1, 1, '{missing,gross_range}', '{1,1}', '{}', 'PLANT_A', 'calcium', "
                        + "'2024-07-01'), ('lab', 2, 4, 1, 3, '{missing,downstream_above_upstream}', '{1,3}', "
                        + "'{\"downstream_above_upstream: 40 <= 41\"}', 'PLANT_A', 'calcium', '2024-07-01')");
                st.execute("insert into qaqc.override (record_type, record_ids, flag, reason, created_by) "
                        + "values ('sensor', '{102}', 1, 'real excursion', 'alice')");
                st.execute("insert into qaqc.override (plant, parameter, from_ts, to_ts, flag, reason, created_by) "
                        + "values ('PLANT_A', 'PH0102', '2024-07-02 00:00', '2024-07-02 00:05', 3, 'cleaning', 'bob')");
                st.execute("insert into qaqc.override (record_type, record_ids, flag, reason, created_by, revoked_at, "
                        + "revoked_by) values ('sensor', '{100}', 4, 'mistake', 'carol', now(), 'carol')");
            }
            flyway(db, false).target("6").load().migrate();
            List<String> before = db.rows("select " + V6_COLUMNS + " from qaqc.v_record_flag "
                    + "order by record_type, record_id");
            assertEquals(9, before.size(), before.toString());

            flyway(db, true).load().migrate();

            assertEquals(before, db.rows("select " + V6_COLUMNS + " from qaqc.v_record_flag "
                    + "order by record_type, record_id"));
            assertEquals(List.of("0"), db.rows("select count(*) from qaqc.grade "
                    + "where record_type = 'sensor'"));
            assertEquals(List.of("10|2", "11|3"), db.rows("select upload_id, job_id "
                    + "from qaqc.sensor_current_job order by 1"));
            // every grade of a reading, as the history endpoint reads it
            assertEquals(List.of("1|4|spike: spike of 1.702 (fail above 1.5)", "2|3|spike: spike of 1.702 (fail above 1.5)"),
                    db.rows("select job_id, flag, array_to_string(reasons, ';') from "
                            + "qaqc.sensor_grade_reading where int8range(first_record_id, last_record_id, '[]') "
                            + "@> 102::bigint and record_id = 102 order by job_id"));
            List<String> days = db.rows("select job_id, sensor_id, day, cardinality(record_ids) "
                    + "from qaqc.sensor_grade order by 1, 2, 3");
            assertEquals(List.of("1|PH0101|2024-07-01|2", "1|PH0101|2024-07-02|1", "1|PH0102|2024-07-01|1",
                    "1|PH0102|2024-07-02|1", "2|PH0101|2024-07-01|2", "2|PH0101|2024-07-02|1", "2|PH0102|2024-07-01|1",
                    "2|PH0102|2024-07-02|1", "3|PH0101|2024-07-02|2"), days);
            // V12: each row's readings per automatic flag (good, not evaluated, suspect, fail, missing), as inserted
            assertEquals(List.of("1|PH0101|2024-07-01|1|0|0|1|0", "1|PH0101|2024-07-02|0|0|0|0|1",
                    "1|PH0102|2024-07-01|1|0|0|0|0", "1|PH0102|2024-07-02|0|1|0|0|0", "2|PH0101|2024-07-01|1|0|1|0|0",
                    "2|PH0101|2024-07-02|0|0|0|0|1", "2|PH0102|2024-07-01|1|0|0|0|0", "2|PH0102|2024-07-02|0|1|0|0|0",
                    "3|PH0101|2024-07-02|1|0|1|0|0"), db.rows("select job_id, sensor_id, day, good_count, "
                            + "not_evaluated_count, suspect_count, fail_count, missing_count from qaqc.sensor_grade "
                            + "order by 1, 2, 3"));
            assertEquals(List.of("qaqc.sensor_grade_y2024m07|9"), db.rows("select tableoid::regclass, count(*) "
                    + "from qaqc.sensor_grade group by 1"), "in July's partition");
            // the reading a reviewer overrode: the override's flag over job 2's SUSPECT
            assertTrue(before.get(4).startsWith("sensor|102|PLANT_A|PH0101|2024-07-01 23:59:00|2024-07-01|1|3|1|1|2|"),
                    before.get(4));
        }
    }

    /** The columns v_record_flag had up to V7 (V8 adds {@code at}, a sensor reading's instant). */
    private static final String V6_COLUMNS = "record_type, record_id, plant, parameter, ts, day, flag, auto_flag, "
            + "override_id, config_version, job_id, test_names, test_flags, reasons";

    /** @param views with the published views (db/views), which describe the latest schema only */
    static org.flywaydb.core.api.configuration.FluentConfiguration flyway(ScratchDatabase db, boolean views) {
        List<String> locations = views ? List.of("classpath:db/migration", "classpath:db/views", "classpath:db/shared")
                : List.of("classpath:db/migration", "classpath:db/shared");
        return Flyway.configure().dataSource(db.url(), db.user(), db.password()).schemas("qaqc").createSchemas(true)
                .table("flyway_schema_history").locations(locations.toArray(String[]::new))
                .placeholders(java.util.Map.of("legacy_time_zone", "UTC"));
    }
}
