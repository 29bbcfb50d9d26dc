package org.carbonmrv.ingest.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.carbonmrv.devstack.ScratchDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * From the first release to the latest, on a database of its own: uploads, lab readings, sensor readings and
 * operations days written in the first release's tables (V1) read through the latest published views as they were
 * written. Sensor timestamps and export generation times stored as local times become instants of the legacy zone
 * (the placeholder, Europe/Paris here, so that the conversion shows: 12:00 local in July is 10:00 UTC); lab values
 * keep their unit as stated; layout profiles arrive with V2 and V6; daily sensor statistics with V11; nothing is lost
 * or duplicated.
 */
class MigrationTest {

    @Test
    void recordsOfTheFirstReleaseReadTheSameAtTheLatest() throws Exception {
        try (ScratchDatabase db = new ScratchDatabase("ingest_migration")) {
            flyway(db, false).target("1").load().migrate();
            db.execute("insert into ingest.upload (id, status, kind, layout_version, record_type, plants, file_name, "
                    + "size_bytes, sha256, received_at, generated_at) values "
                    + "(1, 'ACCEPTED', 'lab-calcium', 1, 'lab', '{PLANT_A}', 'lab.csv', 10, repeat('a', 64), "
                    + "'2024-07-10 08:00+00', null), "
                    + "(2, 'ACCEPTED', 'sensor-ph', 1, 'sensor', '{PLANT_A}', 'ph.csv', 20, repeat('b', 64), "
                    + "'2024-07-10 08:01+00', null), "
                    + "(3, 'ACCEPTED', 'ops-mpor', 1, 'ops', '{PLANT_B}', 'ops.xlsx', 30, repeat('c', 64), "
                    + "'2024-07-10 08:02+00', '2024-07-09 12:00'), "
                    + "(4, 'REJECTED', null, null, null, '{}', 'bad.csv', 5, repeat('d', 64), "
                    + "'2024-07-10 08:03+00', null)",
                    "insert into ingest.lab_reading (upload_id, row_num, plant, sample_date, unique_id, point, "
                            + "parameter, unit, value, raw_value, uncertainty, replicate) values "
                            + "(1, 2, 'PLANT_A', '2024-07-02', 'U1', 'primary_clarifier', 'calcium', 'mg/L', 41.0491, "
                            + "'41.0491', 0.2339799, 1), "
                            + "(1, 3, 'PLANT_A', '2024-07-02', 'U2', 'secondary_clarifier', 'calcium', 'mg/L', null, "
                            + "'ND', null, 1)",
                    "insert into ingest.sensor_series (plant, sensor_id, point, unit) values "
                            + "('PLANT_A', 'PH0101', 'influent', 'pH')",
                    "insert into ingest.sensor_reading (upload_id, row_num, series_id, ts, value, raw_value) values "
                            + "(2, 2, 1, '2024-07-02 12:00', 7.1, '7.1'), (2, 3, 1, '2024-07-02 12:01', null, 'ERR')",
                    "insert into ingest.ops_day (upload_id, sheet, row_num, plant, day, effluent_flow_mgd, "
                            + "bypass_flow_mgd) values (3, 'SHT-S1 DMR SUM', 13, 'PLANT_B', '2024-07-02', 7.791, 0)",
                    "insert into ingest.upload_event (upload_id, plants, record_type) values "
                            + "(1, '{PLANT_A}', 'lab'), (2, '{PLANT_A}', 'sensor'), (3, '{PLANT_B}', 'ops')");

            flyway(db, true).load().migrate();

            assertEquals(List.of("1|ACCEPTED|lab|2024-07-10 08:00:00", "2|ACCEPTED|sensor|2024-07-10 08:01:00",
                    "3|ACCEPTED|ops|2024-07-10 08:02:00", "4|REJECTED|null|2024-07-10 08:03:00"),
                    db.rows("select upload_id, status, record_type, received_at at time zone 'UTC' from "
                            + "ingest.v_upload order by upload_id"), "instants stay the instants they were");
            assertEquals(List.of("2024-07-09 10:00:00"), db.rows("select generated_at at time zone 'UTC' from "
                    + "ingest.v_upload where upload_id = 3"), "the export's local time, in the legacy zone");
            assertEquals(List.of("U1|primary_clarifier|mg/L|41.0491|0.2339799|null|null",
                    "U2|secondary_clarifier|mg/L|null|null|null|null"), db.rows("select unique_id, point, unit, "
                            + "value, uncertainty, censoring, detection_limit from ingest.v_lab_reading order by "
                            + "row_num"));
            assertEquals(List.of("PH0101|2024-07-02 10:00:00|7.1|7.1", "PH0101|2024-07-02 10:01:00|null|ERR"),
                    db.rows("select sensor_id, ts at time zone 'UTC', value, raw_value from ingest.v_sensor_reading "
                            + "order by row_num"), "12:00 in Paris in July is 10:00 UTC");
            assertEquals(List.of("ingest.sensor_reading_y2024m07|PLANT_A|2"), db.rows("select tableoid::regclass::text, "
                    + "plant, count(*) from ingest.sensor_reading group by 1, 2"), "moved into July's partition, "
                    + "with the plant of their series");
            assertEquals(List.of("2|PH0101|2024-07-02|UTC|2|1|7.1|7.1|7.1"), db.rows("select upload_id, sensor_id, "
                    + "day, time_zone, readings, numeric_readings, value_sum, value_min, value_max from "
                    + "ingest.v_sensor_day_stats"), "V11: the day's statistics (a plant not registered: UTC days), "
                    + "the ERR a reading but not a number");
            assertEquals(List.of("PLANT_B|2024-07-02|7.791|1|f"), db.rows("select plant, day, "
                    + "effluent_flow_mgd, version_count, revised from ingest.v_ops_day_current"));
            assertEquals(List.of("3"), db.rows("select count(*) from ingest.upload_event"), "events neither lost nor "
                    + "repeated");
            assertEquals(List.of("ops-mpor|2", "ops-operator-daily|2", "lab-calcium|2", "sensor-ph|2"), db.rows(
                    "select id, max(version) from ingest.layout_profile group by id order by id <> 'ops-mpor', "
                            + "id <> 'ops-operator-daily', id <> 'lab-calcium', id"));
            assertEquals(List.of("0"), db.rows("select count(*) from ingest.v_plant"), "no plant is registered "
                    + "behind anyone's back: the registry starts empty");
        }
    }

    static org.flywaydb.core.api.configuration.FluentConfiguration flyway(ScratchDatabase db, boolean views) {
        String[] locations = views ? new String[] {"classpath:db/migration", "classpath:db/views",
            "classpath:db/shared"} : new String[] {"classpath:db/migration", "classpath:db/shared"};
        return Flyway.configure().dataSource(db.url(), db.user(), db.password()).schemas("ingest")
                .createSchemas(true).table("flyway_schema_history").locations(locations)
                .placeholders(Map.of("legacy_time_zone", "Europe/Paris"));
    }
}
