package org.carbonmrv.ingest.persistence;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import jakarta.inject.Inject;

import org.carbonmrv.common.Jdbc;
import org.carbonmrv.devstack.EmbeddedPostgresTestResource;
import org.carbonmrv.devstack.TestPlants;
import org.carbonmrv.ingest.BadFiles;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Readings land in the partition of their UTC month; a month no partition covers yet is made by its upload. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresTestResource.class)
class SensorPartitionTest {

    private static final String PLANT = "PLANT_PARTITIONS";
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Inject
    AgroalDataSource dataSource;

    /**
     * Ten minutes from 18:55 on 31 December 1999 in New York (UTC−5): 23:55 to 00:04 UTC, five readings in each of
     * two months no earlier upload reached, both readings of a probe interleaved with a second one.
     */
    @Test
    void anUploadAcrossTwoNewMonthsMakesBothAndSplitsItsReadings() {
        TestPlants.register(PLANT);
        StringBuilder csv = new StringBuilder("Timestamp,Measurement value,Unit,sensor_id,unit_type_id,plant_id,"
                + "Process value\n");
        LocalDateTime local = LocalDateTime.of(1999, 12, 31, 18, 55);
        for (int m = 0; m < 10; m++) {
            for (String probe : List.of("PH0901", "PH0902")) {
                csv.append(TS.format(local.plusMinutes(m))).append(",7.").append(m).append(",pH,").append(probe)
                        .append(",secondary_clarifier,").append(PLANT).append(",pH\n");
            }
        }
        long upload = given().multiPart("file", BadFiles.text("partitions.csv", csv.toString()).toFile())
                .post("/api/v1/uploads").then().statusCode(201).extract().jsonPath().getLong("id");

        assertEquals(List.of("ingest.sensor_reading_y1999m12|10|1999-12-31 23:55:00|1999-12-31 23:59:00",
                "ingest.sensor_reading_y2000m01|10|2000-01-01 00:00:00|2000-01-01 00:04:00"),
                rows("select tableoid::regclass::text || '|' || count(*) || '|' || min(ts at time zone 'UTC') || '|' "
                        + "|| max(ts at time zone 'UTC') from ingest.sensor_reading where upload_id = " + upload
                        + " and plant = '" + PLANT + "' group by tableoid order by 1"));
        assertEquals(List.of("20|20"), rows("select count(*) || '|' || count(distinct row_num) from "
                + "ingest.v_sensor_reading where upload_id = " + upload), "every row once, through the view");
    }

    @Test
    void theComingMonthsAreReadyAhead() {
        assertEquals(List.of("4"), rows("select count(*) from pg_inherits i join pg_class c on c.oid = i.inhrelid "
                + "where i.inhparent = 'ingest.sensor_reading'::regclass and c.relname in ("
                + "to_char(now() at time zone 'UTC', '\"sensor_reading_y\"YYYY\"m\"MM'), "
                + "to_char(now() at time zone 'UTC' + interval '1 month', '\"sensor_reading_y\"YYYY\"m\"MM'), "
                + "to_char(now() at time zone 'UTC' + interval '2 months', '\"sensor_reading_y\"YYYY\"m\"MM'), "
                + "to_char(now() at time zone 'UTC' + interval '3 months', '\"sensor_reading_y\"YYYY\"m\"MM'))"),
                "this month and the next three, made at start-up");
    }

    private List<String> rows(String sql) {
        return Jdbc.list(dataSource, sql, rs -> rs.getString(1));
    }
}
