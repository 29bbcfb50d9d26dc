package org.carbonmrv.ingest.persistence;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.util.List;

import jakarta.inject.Inject;

import org.carbonmrv.common.Jdbc;
import org.carbonmrv.devstack.EmbeddedPostgresTestResource;
import org.carbonmrv.devstack.TestPlants;
import org.carbonmrv.ingest.BadFiles;
import org.carbonmrv.ingest.parse.RecordSink;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The daily statistics an upload writes (ingest.v_sensor_day_stats) are its readings' per plant-local day: worked by
 * hand for a New York midnight, with an ERR reading and an overlapping second upload, then made again in UTC when the
 * plant's zone changes (also while an upload is being copied); and equal, row for row, to the same statistics
 * computed from the readings themselves.
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresTestResource.class)
class SensorDayStatsTest {

    private static final String PLANT = "PLANT_DAYSTATS";
    private static final String HEADER = "Timestamp,Measurement value,Unit,sensor_id,unit_type_id,plant_id,"
            + "Process value\n";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    RecordSinks sinks;

    @Test
    void dailyStatisticsFollowThePlantsDaysAndItsZone() {
        given().contentType(ContentType.JSON).body(TestPlants.entry(PLANT, "America/New_York"))
                .put("/api/v1/plants/" + PLANT).then().statusCode(201);
        // a second probe whose first row comes after the COPY has begun
        upload("first.csv", row("2024-11-02 23:58:00", "7.0") + row("2024-11-02 23:58:00", "6.9")
                .replace("PH0801", "PH0803") + row("2024-11-02 23:59:00", "7.2")
                + row("2024-11-03 00:00:00", "7.4") + row("2024-11-03 00:01:00", "ERR")
                + row("2024-11-03 00:02:00", "7.6"));
        upload("second.csv", row("2024-11-03 00:02:00", "8.0"));

        // New York (EDT, UTC-4): 2 readings on the 2nd (7.0, 7.2: mean 7.1); on the 3rd 3 + 1 readings, 3 numeric
        // (7.4, 7.6, 8.0: mean 23.0 / 3), the ERR counted as a reading only
        assertEquals(List.of("2024-11-02|America/New_York|2|2|7.1000|7|7.2",
                "2024-11-03|America/New_York|4|3|7.6667|7.4|8"), stats());
        assertEquals(fromReadings("America/New_York"), stats());

        // in UTC, 23:58 EDT on the 2nd is 03:58 on the 3rd: one day of six readings, five numeric (37.2 / 5)
        given().contentType(ContentType.JSON).body(TestPlants.entry(PLANT, "UTC")).put("/api/v1/plants/" + PLANT)
                .then().statusCode(201);
        assertEquals(List.of("2024-11-03|UTC|6|5|7.4400|7|8"), stats());
        assertEquals(fromReadings("UTC"), stats());
    }

    /**
     * The plant's zone changes while an upload is being copied (its readings counted in New York): the upload, which
     * ends after the change, counts its days again in UTC from its readings, so no New York row is left.
     */
    @Test
    void anUploadFinishingAfterAZoneChangeCountsItsDaysInTheNewZone() throws Exception {
        String plant = "PLANT_DAYSTATS_MOVE";
        given().contentType(ContentType.JSON).body(TestPlants.entry(plant, "America/New_York"))
                .put("/api/v1/plants/" + plant).then().statusCode(201);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            long upload = Jdbc.list(c, "insert into ingest.upload (status, file_name, size_bytes, sha256, "
                    + "received_at) values ('ACCEPTED', 'moving.csv', 0, repeat('e', 64), now()) returning id",
                    rs -> rs.getLong(1)).get(0);
            RecordCopySink sink = sinks.open(c, upload);
            // 03:58 and 04:02 UTC on 3 November 2024: 23:58 on the 2nd and 00:02 on the 3rd in New York (EDT)
            long t = java.time.Instant.parse("2024-11-03T03:58:00Z").getEpochSecond() * 1_000_000L;
            sink.sensor(new RecordSink.SensorRecord(2, plant, "PH0802", "secondary_clarifier", t, 7.0, "7.0", "pH"));
            sink.sensor(new RecordSink.SensorRecord(3, plant, "PH0802", "secondary_clarifier", t + 240_000_000L,
                    7.5, "7.5", "pH"));
            given().contentType(ContentType.JSON).body(TestPlants.entry(plant, "UTC")).put("/api/v1/plants/"
                    + plant).then().statusCode(201);
            sink.close();
            c.commit();
        }
        assertEquals(List.of("2024-11-03|UTC|2|2|7.2500|7|7.5"), Jdbc.list(dataSource, "select day || '|' || "
                + "time_zone || '|' || readings || '|' || numeric_readings || '|' || round((value_sum / "
                + "numeric_readings)::numeric, 4) || '|' || value_min || '|' || value_max from "
                + "ingest.v_sensor_day_stats where plant = ?", rs -> rs.getString(1), plant));
    }

    private static String row(String localTime, String value) {
        return localTime + "," + value + ",pH,PH0801,secondary_clarifier," + PLANT + ",pH\n";
    }

    private static void upload(String name, String rows) {
        given().multiPart("file", BadFiles.text(name, HEADER + rows).toFile()).post("/api/v1/uploads").then()
                .statusCode(201);
    }

    /** The published rows of the plant's probe, summed over its uploads per day. */
    private List<String> stats() {
        return Jdbc.list(dataSource, "select day || '|' || time_zone || '|' || sum(readings) || '|' "
                + "|| sum(numeric_readings) || '|' || round((sum(value_sum) / sum(numeric_readings))::numeric, 4) "
                + "|| '|' || min(value_min) || '|' || max(value_max) from ingest.v_sensor_day_stats "
                + "where plant = ? and sensor_id = 'PH0801' group by day, time_zone order by day",
                rs -> rs.getString(1), PLANT);
    }

    /** The same from the readings, by the plant's day in {@code zone}. */
    private List<String> fromReadings(String zone) {
        return Jdbc.list(dataSource, "select d || '|' || ? || '|' || count(*) || '|' || count(value) || '|' "
                + "|| round(avg(value)::numeric, 4) || '|' || min(value) || '|' || max(value) from (select "
                + "(ts at time zone ?)::date as d, value from ingest.v_sensor_reading where plant = ? and "
                + "sensor_id = 'PH0801') r group by d order by d", rs -> rs.getString(1), zone, zone, PLANT);
    }
}
