package org.carbonmrv.qaqc;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.carbonmrv.devstack.SampleCorpus;
import org.carbonmrv.devstack.IngestServiceTestResource;
import org.carbonmrv.qaqc.queue.GradingWorker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The sample corpus graded: the known answers of the corpus README. */
@QuarkusTest
@WithTestResource(IngestServiceTestResource.class)
class SampleGradingTest {

    @Inject
    GradingWorker worker;

    static boolean graded;

    @BeforeEach
    void gradeCorpus() {
        if (!graded) {
            SampleCorpus.uploadAll();
            worker.drain();
            graded = true;
        }
    }

    private static List<Map<String, Object>> grades(String query) {
        return Corpus.json("/api/v1/grades?size=10000&" + query).getList("items");
    }

    private static Map<String, Object> sensorAt(String sensor, String day, String time) {
        return grades("record_type=sensor&parameter=" + sensor + "&from=" + day + "&to=" + day).stream()
                .filter(g -> g.get("ts").toString().startsWith(day + "T" + time)).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static String reason(Map<String, Object> g, String test) {
        return ((List<String>) g.get("reasons")).stream().filter(r -> r.startsWith(test + ":")).findFirst()
                .orElse("");
    }

    @Test
    void everyRecordIsGraded() {
        JsonPath jobs = given().get("/api/v1/jobs?status=DONE").then().statusCode(200).extract().jsonPath();
        assertTrue(jobs.getList("$").size() >= 12, "a job per upload");
        given().get("/api/v1/jobs?status=PENDING").then().statusCode(200).body("size()",
                org.hamcrest.Matchers.equalTo(0));
        long sensors = Corpus.json("/api/v1/grades?size=1&record_type=sensor&plant=PLANT_A").getLong("total");
        assertEquals(2 * 19980, sensors);
        long lab = Corpus.json("/api/v1/grades?size=1&record_type=lab").getLong("total");
        assertEquals(344, lab);
    }

    @Test
    void stuckProbeIsFlatLine() {
        List<Map<String, Object>> day = grades("record_type=sensor&parameter=PH0101&from=2024-07-07&to=2024-07-07");
        long flat = day.stream().filter(g -> reason(g, "flat_line").contains("unchanged for 119 min")).count();
        assertEquals(120, flat, "the 2-hour stuck probe: 120 readings");
        // the probe reads 7.63 from 06:00 to 07:59
        Map<String, Object> stuck = sensorAt("PH0101", "2024-07-07", "07:00");
        assertEquals(4, ((Number) stuck.get("flag")).intValue(), stuck.toString());
    }

    @Test
    void spikesAndOutOfRangeFail() {
        Map<String, Object> spike = sensorAt("PH0101", "2024-07-01", "00:17");
        assertEquals(4, ((Number) spike.get("flag")).intValue());
        assertTrue(reason(spike, "spike").contains("spike of"), spike.toString());
        Map<String, Object> after = sensorAt("PH0101", "2024-07-01", "00:18");
        assertEquals(1, ((Number) after.get("flag")).intValue(), "the reading after a spike is not penalised " + after);
        Map<String, Object> high = sensorAt("PH0102", "2024-07-09", "08:00");
        assertEquals(4, ((Number) high.get("flag")).intValue());
        assertTrue(reason(high, "gross_range").contains("outside the physical range"), high.toString());
    }

    @Test
    void errAndEmptyAreMissing() {
        Map<String, Object> err = sensorAt("PH0101", "2024-07-11", "10:00");
        assertEquals(9, ((Number) err.get("flag")).intValue(), err.toString());
        Map<String, Object> empty = sensorAt("PH0102", "2024-07-09", "08:01");
        assertEquals(9, ((Number) empty.get("flag")).intValue(), empty.toString());
        assertTrue(reason(sensorAt("PH0101", "2024-07-11", "10:00"), "missing").contains("'ERR'"));
    }

    @Test
    void theThreeHourGapLowersCompleteness() {
        List<Map<String, Object>> summary = Corpus.json("/api/v1/grades/summary?plant=PLANT_A&from=2024-07-04"
                + "&to=2024-07-05").getList("findAll { it.record_type == 'sensor' && it.parameter == 'PH0101' }");
        Map<String, Object> gapDay = summary.stream().filter(d -> d.get("day").equals("2024-07-04")).findFirst()
                .orElseThrow();
        Map<String, Object> fullDay = summary.stream().filter(d -> d.get("day").equals("2024-07-05")).findFirst()
                .orElseThrow();
        assertEquals(100.0, ((Number) fullDay.get("completeness_pct")).doubleValue(), 1e-9);
        assertEquals(100.0 * (1440 - 180) / 1440, ((Number) gapDay.get("completeness_pct")).doubleValue(), 1e-9);
        assertTrue(gapDay.get("gaps").toString().replace(" ", "").contains("\"minutes\":181"), gapDay.toString());
    }

    @Test
    void downstreamBelowUpstreamIsSuspectOnExactlyTheInvalidDays() throws IOException {
        List<String> expectedInvalid = Files.readAllLines(SampleCorpus.samples().resolve("daily_removals.csv")).stream()
                .filter(l -> l.contains(",INVALID,")).map(l -> l.split(",")[0] + " " + l.split(",")[1]).sorted()
                .toList();
        List<String> suspectDays = grades("record_type=lab").stream()
                .filter(g -> reason(g, "downstream_above_upstream").contains("<="))
                .map(g -> g.get("plant") + " " + g.get("day")).distinct().sorted().toList();
        assertTrue(expectedInvalid.size() > 0);
        assertEquals(expectedInvalid, suspectDays);
    }

    @Test
    void reRunPairsAreDetected() {
        List<Map<String, Object>> reruns = grades("record_type=lab").stream()
                .filter(g -> reason(g, "rerun").contains("re-run of")).toList();
        assertTrue(reruns.size() >= 2 && reruns.size() % 2 == 0, "pairs: " + reruns.size());
        assertTrue(reruns.stream().allMatch(g -> ((Number) g.get("flag")).intValue() >= 3));
    }

    @Test
    void opsBypassZeroLastDaysAndRevisions() {
        List<Map<String, Object>> ops = grades("record_type=ops");
        assertTrue(ops.stream().anyMatch(g -> reason(g, "bypass").contains("untreated")), "bypass days");
        Map<String, Object> lastDay = ops.stream().filter(g -> g.get("plant").equals("PLANT_B")
                && g.get("day").equals("2024-10-11")).findFirst().orElseThrow();
        assertEquals(4, ((Number) lastDay.get("flag")).intValue(), "the last export's last day: flow 0");
        List<Map<String, Object>> jul12 = ops.stream().filter(g -> g.get("plant").equals("PLANT_B")
                && g.get("day").equals("2024-07-12")).toList();
        assertEquals(2, jul12.size());
        assertTrue(jul12.stream().anyMatch(g -> reason(g, "superseded").contains("incomplete last day")), jul12.toString());
        assertTrue(jul12.stream().anyMatch(g -> ((Number) g.get("flag")).intValue() == 1
                && reason(g, "revision").contains("revised")), jul12.toString());
        List<Map<String, Object>> jul08 = ops.stream().filter(g -> g.get("plant").equals("PLANT_B")
                && g.get("day").equals("2024-07-08")).toList();
        assertTrue(jul08.stream().anyMatch(g -> reason(g, "revision").contains("revised; earlier exports said 8.708")),
                jul08.toString());
    }

    @Test
    void healthShowsTheQueue() {
        given().get("/q/health/ready").then().statusCode(200).body("checks.find { it.name == 'grading queue' }"
                + ".data.pending", org.hamcrest.Matchers.equalTo(0));
    }
}
