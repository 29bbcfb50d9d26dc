package org.carbonmrv.qaqc;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.carbonmrv.common.Jdbc;
import org.carbonmrv.devstack.IngestServiceTestResource;
import org.carbonmrv.devstack.SampleCorpus;
import org.carbonmrv.devstack.SensorLogs;
import org.carbonmrv.devstack.TestPlants;
import org.carbonmrv.qaqc.grades.PlantRevisions;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * A plant's grade summary and pages asked again come from memory while none of its grades change, and are read again
 * once an override, its revocation or a grading job of the plant commits; another plant's override leaves them kept.
 * The grading job is another plant's, so that PLANT_A's readings stay the corpus' for the other tests.
 */
@QuarkusTest
@WithTestResource(IngestServiceTestResource.class)
class GradeAnswersTest extends GradedCorpusTest {

    private static final String SUMMARY = "/api/v1/grades/summary?plant=PLANT_A&from=2024-07-01&to=2024-07-03";
    private static final String PAGE = "/api/v1/grades?plant=PLANT_A&record_type=sensor&parameter=PH0101"
            + "&from=2024-07-01&to=2024-07-01&size=1440";
    private static final String TEN_MINUTES = "plant = 'PLANT_A' and parameter = 'PH0101' and ts between "
            + "'2024-07-01 10:00' and '2024-07-01 10:09'";

    @Inject
    MeterRegistry registry;

    @Inject
    PlantRevisions revisions;

    @Test
    void aPlantsAnswersAreKeptUntilItsGradesChange() throws IOException {
        String summary = get(SUMMARY);
        String page = get(PAGE);
        double hits = requests("hit");
        double misses = requests("miss");
        assertEquals(summary, get(SUMMARY));
        assertEquals(page, get(PAGE));
        assertEquals(hits + 2, requests("hit"), "nothing changed: from memory");
        assertEquals(misses, requests("miss"));

        long plantA = revisions.current("PLANT_A");
        long plantB = revisions.current("PLANT_B");
        int other = override(Map.of("plant", "PLANT_B", "from", "2024-07-01T00:00:00", "to", "2024-07-01T01:00:00",
                "flag", 3, "reason", "another plant's day"));
        assertEquals(plantB + 1, revisions.current("PLANT_B"), "the override covers PLANT_B's 1 July");
        assertEquals(plantA, revisions.current("PLANT_A"));
        assertEquals(summary, get(SUMMARY));
        assertEquals(hits + 3, requests("hit"), "another plant's override leaves PLANT_A's answers kept");

        long fail = fails(summary);
        long failedBefore = count("select count(*) from qaqc.v_record_flag where " + TEN_MINUTES + " and flag = 4");
        assertEquals(10, count("select count(*) from qaqc.v_record_flag where " + TEN_MINUTES));
        int ten = override(Map.of("plant", "PLANT_A", "parameter", "PH0101", "from", "2024-07-01T10:00:00", "to",
                "2024-07-01T10:09:00", "flag", 4, "reason", "probe out of the water"));
        assertEquals(fail + 10 - failedBefore, fails(get(SUMMARY)), "read again after the override");
        List<Integer> flags = JsonPath.from(get(PAGE)).getList("items.findAll { it.ts >= '2024-07-01T10:00' && "
                + "it.ts <= '2024-07-01T10:09:00' }.flag");
        assertEquals(List.of(4, 4, 4, 4, 4, 4, 4, 4, 4, 4), flags);
        assertEquals(misses + 2, requests("miss"));

        revoke(ten);
        revoke(other);
        assertEquals(summary, get(SUMMARY), "the revocation is read too");
        assertEquals(page, get(PAGE));

        // a grading job of a plant: a probe's first minutes on 3 July, then the next two
        TestPlants.registerAt(SampleCorpus.ingestUrl(), "PLANT_ANSWERS");
        String ownSummary = "/api/v1/grades/summary?plant=PLANT_ANSWERS&from=2024-07-03&to=2024-07-03";
        uploadMinutes(0, 2);
        assertEquals(List.of(2), JsonPath.from(get(ownSummary)).getList("records"));
        hits = requests("hit");
        assertEquals(List.of(2), JsonPath.from(get(ownSummary)).getList("records"));
        assertEquals(hits + 1, requests("hit"));
        misses = requests("miss");
        uploadMinutes(2, 2);
        assertEquals(List.of(4), JsonPath.from(get(ownSummary)).getList("records"), "read again after the job");
        assertEquals(misses + 1, requests("miss"));
    }

    /** {@code n} minutes of a probe of PLANT_ANSWERS from 00:{@code first} on 3 July, uploaded and graded. */
    private void uploadMinutes(int first, int n) throws IOException {
        StringBuilder csv = new StringBuilder(SensorLogs.HEADER);
        for (int m = first; m < first + n; m++) {
            csv.append(String.format("2024-07-03 00:%02d:00,7.1,pH,PH_ANSWERS,secondary_clarifier,PLANT_ANSWERS,pH%n",
                    m));
        }
        Path file = Files.createTempDirectory("answers").resolve("PH_ANSWERS_PH_2024.csv");
        Files.writeString(file, csv);
        SampleCorpus.upload(file.toFile(), null);
        worker.drain();
    }

    private static String get(String url) {
        return given().get(url).then().statusCode(200).extract().asString();
    }

    /** FAIL readings of PH0101 on 1 July in a summary. */
    private static long fails(String summary) {
        List<Number> fail = JsonPath.from(summary).getList("findAll { it.parameter == 'PH0101' && it.day == "
                + "'2024-07-01' }.fail");
        assertEquals(1, fail.size(), summary);
        return fail.get(0).longValue();
    }

    private static int override(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/overrides").then().statusCode(201)
                .extract().jsonPath().getInt("id");
    }

    private void revoke(int id) {
        given().delete("/api/v1/overrides/" + id + "?reason=test over").then().statusCode(200);
        worker.drain();
    }

    private long count(String sql) {
        return Jdbc.count(dataSource, sql);
    }

    private double requests(String result) {
        return registry.get("carbonmrv.qaqc.cache.requests").tag("cache", "grades").tag("result", result)
                .counter().count();
    }
}
