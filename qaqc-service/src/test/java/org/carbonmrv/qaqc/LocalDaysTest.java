package org.carbonmrv.qaqc;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.carbonmrv.devstack.IngestServiceTestResource;
import org.carbonmrv.devstack.SampleCorpus;
import org.carbonmrv.devstack.SensorLogs;
import org.carbonmrv.devstack.TestPlants;
import org.carbonmrv.qaqc.queue.GradingWorker;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A plant-day is the local calendar day of the plant's registered zone: completeness counts a day's own minutes
 * (America/New_York, 2024: 1,380 on 10 March, 1,500 on 3 November); a repeated hour the file's order does not tell
 * apart is duplicates; readings long after the sensor's last calibration are SUSPECT.
 */
@QuarkusTest
@WithTestResource(IngestServiceTestResource.class)
class LocalDaysTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Inject
    GradingWorker worker;

    private static void upload(String name, String csv) throws Exception {
        Path f = Files.createTempDirectory("local-days").resolve(name);
        Files.writeString(f, csv);
        SampleCorpus.upload(f.toFile(), null);
    }

    private static Map<String, Object> day(String plant, String sensor, String day) {
        List<Map<String, Object>> days = Corpus.json("/api/v1/grades/summary?plant=" + plant + "&from=" + day
                + "&to=" + day).getList("findAll { it.parameter == '" + sensor + "' }");
        assertEquals(1, days.size(), days.toString());
        return days.get(0);
    }

    @Test
    void completenessCountsEachLocalDaysOwnMinutes() throws Exception {
        TestPlants.registerAt(SampleCorpus.ingestUrl(), "PLANT_DST");
        upload("spring.csv", SensorLogs.csv("PLANT_DST", "PH_DST", SensorLogs.localMinutes(LocalDateTime.of(2024, 3,
                10, 0, 0), 1380, NEW_YORK), 7.1));
        upload("fall.csv", SensorLogs.csv("PLANT_DST", "PH_DST", SensorLogs.localMinutes(LocalDateTime.of(2024, 11,
                3, 0, 0), 1500, NEW_YORK), 7.1));
        worker.drain();
        Map<String, Object> spring = day("PLANT_DST", "PH_DST", "2024-03-10");
        assertEquals(1380.0, ((Number) spring.get("records")).doubleValue());
        assertEquals(100.0, ((Number) spring.get("completeness_pct")).doubleValue(), 1e-9, "a complete log");
        Map<String, Object> fall = day("PLANT_DST", "PH_DST", "2024-11-03");
        assertEquals(1500.0, ((Number) fall.get("records")).doubleValue());
        assertEquals(100.0, ((Number) fall.get("completeness_pct")).doubleValue(), 1e-9);
        assertEquals(0.0, ((Number) fall.get("suspect")).doubleValue(), "both passes of 01:00-01:59 kept apart");
        List<Map<String, Object>> expected = Corpus.json("/api/v1/grades?plant=PLANT_DST&record_type=sensor"
                + "&from=2024-11-03&to=2024-11-03&size=5").getList("items");
        assertEquals(5, expected.size());
        assertTrue(expected.get(0).get("at").toString().startsWith("2024-11-03T04:00"), expected.get(0).toString());
    }

    @Test
    void aRepeatedHourTheFileDoesNotOrderIsDuplicates() throws Exception {
        TestPlants.registerAt(SampleCorpus.ingestUrl(), "PLANT_DST2");
        List<String> times = new ArrayList<>();
        for (int m = 0; m < 30; m++) {
            String t = String.format("2024-11-03 01:%02d:00", m);
            times.add(t);
            times.add(t);
        }
        upload("sorted.csv", SensorLogs.csv("PLANT_DST2", "PH_SORT", times, 7.2));
        worker.drain();
        assertEquals(30.0, ((Number) day("PLANT_DST2", "PH_SORT", "2024-11-03").get("suspect")).doubleValue(),
                "the second reading of each minute");
    }

    @Test
    void readingsLongAfterTheLastCalibrationAreSuspect() throws Exception {
        TestPlants.registerAt(SampleCorpus.ingestUrl(), "PLANT_CALQ");
        upload("cal.csv", SensorLogs.csv("PLANT_CALQ", "PH_CAL", List.of("2024-07-01 12:00:00", "2024-07-01 12:01:00",
                "2024-08-15 12:00:00", "2024-08-15 12:01:00"), 7.0));
        worker.drain();
        Map<String, Object> config = new HashMap<>(given().get("/api/v1/config").then().extract().jsonPath()
                .<String, Object>getMap("config"));
        config.put("plants", Map.of("PLANT_CALQ", Map.of("sensor", Map.of("PH_CAL", Map.of(
                "calibration_interval_days", 30)))));
        given().contentType(ContentType.JSON).body(Map.of("config", config, "comment", "calibration due"))
                .put("/api/v1/config").then().statusCode(201);
        worker.drain();
        assertEquals(List.of("calibration_due: no calibration on record before this reading (due every 30.000 days)"),
                calibrationReasons("2024-07-01").stream().distinct().toList());
        given().baseUri(SampleCorpus.ingestUrl()).port(-1).contentType(ContentType.JSON).body(Map.of("plant",
                "PLANT_CALQ", "calibrated_at", "2024-06-20", "method", "two-point buffer"))
                .post("/api/v1/sensors/PH_CAL/calibrations").then().statusCode(201);
        worker.drain();
        assertEquals(List.of(), calibrationReasons("2024-07-01"), "11 days after the calibration");
        assertEquals(List.of("calibration_due: last calibrated 56 days before (due every 30.000 days)"),
                calibrationReasons("2024-08-15").stream().distinct().toList());
    }

    @SuppressWarnings("unchecked")
    private static List<String> calibrationReasons(String day) {
        List<Map<String, Object>> grades = Corpus.json("/api/v1/grades?plant=PLANT_CALQ&record_type=sensor&from="
                + day + "&to=" + day).getList("items");
        assertEquals(2, grades.size());
        return grades.stream().flatMap(g -> ((List<String>) g.get("reasons")).stream())
                .filter(r -> r.startsWith("calibration_due")).toList();
    }
}
