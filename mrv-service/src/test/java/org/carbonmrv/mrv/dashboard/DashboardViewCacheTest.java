package org.carbonmrv.mrv.dashboard;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.carbonmrv.devstack.PipelineTestResource;
import org.carbonmrv.devstack.SampleCorpus;
import org.carbonmrv.devstack.TestTokens;
import org.carbonmrv.mrv.Pipeline;
import org.carbonmrv.mrv.cache.Revisions;
import org.carbonmrv.mrv.queue.RecomputeWorker;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.restassured.http.ContentType;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * A view comes from memory while nothing it shows has changed, and is read again once any of the three services'
 * revisions of the plant moves: ingest's (a pH upload, for which mrv takes no event), qaqc's (its grading) and mrv's
 * own (a decision).
 */
@QuarkusTest
@WithTestResource(PipelineTestResource.class)
class DashboardViewCacheTest {

    private static final String PLANT = "PLANT_VIEW_CACHE";
    private static final String VIEW = "/dashboard/view?plant=" + PLANT + "&from=2024-07-01&to=2024-07-31";

    @Inject
    RecomputeWorker worker;

    @Inject
    MeterRegistry registry;

    @Inject
    Revisions revisions;

    @Test
    void aViewIsKeptUntilIngestQaqcOrMrvChangesThePlant() throws IOException {
        Pipeline.plantFromCorpus(worker, PLANT, LocalDate.parse("2024-07-01"), LocalDate.parse("2024-07-10"));
        String viewer = "Bearer " + TestTokens.withRoles("v", "viewer");
        String before = view(viewer);
        assertTrue(ph(before).isEmpty(), "no pH probe yet");
        double hits = count("hit");
        double misses = count("miss");
        assertEquals(before, view(viewer));
        assertEquals(hits + 1, count("hit"), "nothing changed: from memory");
        assertEquals(misses, count("miss"));
        // the same view kept, rendered for a reviewer with the decision form and for a viewer without it
        String reviewer = "Bearer " + TestTokens.withRoles("r", "reviewer");
        assertTrue(view(reviewer).contains("id=\"approval-form\""));
        assertFalse(view(viewer).contains("id=\"approval-form\""));
        assertEquals(hits + 3, count("hit"));

        // three minutes of a new probe: ingest's revision of the plant moves, mrv's does not
        Path csv = Files.createTempDirectory("ph").resolve("PHVC01_PH_2024.csv");
        Files.writeString(csv, "Timestamp,Measurement value,Unit,sensor_id,unit_type_id,plant_id,Process value\n"
                + "2024-07-05 12:00:00,7.0,pH,PHVC01,secondary_clarifier," + PLANT + ",pH\n"
                + "2024-07-05 12:01:00,7.2,pH,PHVC01,secondary_clarifier," + PLANT + ",pH\n"
                + "2024-07-05 12:02:00,7.4,pH,PHVC01,secondary_clarifier," + PLANT + ",pH\n");
        SampleCorpus.upload(csv.toFile(), null);
        misses = count("miss");
        String after = view(viewer);
        assertEquals(misses + 1, count("miss"), "read again at ingest's new revision");
        assertEquals(table(before), table(after));
        JsonNode probe = ph(after).get(0);
        assertEquals("PHVC01", probe.get("sensor_id").asText());
        assertEquals("[\"2024-07-05\"]", probe.get("day").toString());
        // (7.0 + 7.2 + 7.4) / 3 = 7.2, over 3 readings
        assertEquals(7.2, probe.get("mean").get(0).asDouble(), 1e-12);
        assertEquals(7.0, probe.get("min").get(0).asDouble());
        assertEquals(7.4, probe.get("max").get(0).asDouble());
        assertEquals(3, probe.get("readings").get(0).asInt());

        // qaqc grades the upload (its revision of the plant moves): the view shows the day's completeness, whether
        // the view above was read before or after the grading committed
        Pipeline.settle(worker);
        JsonNode graded = ph(view(viewer)).get(0);
        // 3 minutes present of the day's 1,440: 100 * 3 / 1440 = 0.208333...%
        assertEquals(100.0 * 3 / 1440, graded.get("completeness_pct").get(0).asDouble(), 1e-9);
        // the read above may already have followed the grading; an override moves qaqc's revision alone, at a known
        // point: the view kept before it is read again after it
        long mrvRevision = revisions.current();
        view(viewer);
        misses = count("miss");
        given().baseUri(Pipeline.qaqcUrl()).port(-1).contentType(ContentType.JSON)
                .body(Map.of("record_type", "sensor", "plant", PLANT, "parameter", "PHVC01", "from",
                        "2024-07-05T12:00:00", "to", "2024-07-05T12:02:00", "flag", 3, "reason", "probe drift"))
                .post("/api/v1/overrides").then().statusCode(201);
        view(viewer);
        assertEquals(misses + 1, count("miss"), "read again at qaqc's new revision");
        assertEquals(mrvRevision, revisions.current(), "mrv's own revision did not move");

        // a decision moves mrv's revision: the next view reads the figures again and shows the day locked
        assertFalse(row(after, "2024-07-02").contains("approved"), row(after, "2024-07-02"));
        given().header("Authorization", reviewer).header("HX-Request", "true").formParam("decision", "APPROVED").formParam("comment", "checked")
                .post("/dashboard/approvals?plant=" + PLANT + "&from=2024-07-02&to=2024-07-02").then()
                .statusCode(200);
        misses = count("miss");
        String decided = view(viewer);
        assertEquals(misses + 1, count("miss"), "read again at mrv's new revision");
        assertTrue(row(decided, "2024-07-02").contains("\uD83D\uDD12 approved"), row(decided, "2024-07-02"));
        assertFalse(row(decided, "2024-07-03").contains("approved"), row(decided, "2024-07-03"));
    }

    private static String view(String authorization) {
        return given().header("Authorization", authorization).get(VIEW).then().statusCode(200).extract().asString();
    }

    private double count(String result) {
        return registry.get("carbonmrv.mrv.cache.requests").tag("cache", "dashboard").tag("result", result)
                .counter().count();
    }

    private static List<JsonNode> ph(String page) throws IOException {
        String start = "<script type=\"application/json\" id=\"chart-data\">";
        int from = page.indexOf(start) + start.length();
        JsonNode chart = new ObjectMapper().readTree(page.substring(from, page.indexOf("</script>", from)));
        List<JsonNode> out = new java.util.ArrayList<>();
        chart.get("ph").forEach(out::add);
        return out;
    }

    private static String table(String page) {
        return page.substring(page.indexOf("<tbody>"), page.indexOf("</tbody>"));
    }

    private static String row(String page, String day) {
        int from = page.indexOf("<tr data-day=\"" + day + "\"");
        assertTrue(from >= 0, "a row for " + day);
        return page.substring(from, page.indexOf("</tr>", from));
    }
}
