package org.carbonmrv.mrv;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;

import jakarta.inject.Inject;

import org.carbonmrv.devstack.Metrics;
import org.carbonmrv.devstack.PipelineTestResource;
import org.carbonmrv.mrv.queue.RecomputeWorker;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** {@code /q/metrics}: the recompute meters move as a plant's month is computed; repeated reads hit the cache. */
@QuarkusTest
@WithTestResource(PipelineTestResource.class)
class MetricsTest {

    private static final String PLANT = "PLANT_MMETRICS";

    @Inject
    RecomputeWorker worker;

    @Test
    void computingAMonthMovesTheRecomputeMeters() throws Exception {
        Pipeline.settle(worker); // whatever earlier test classes left
        Metrics before = Metrics.scrape(null);
        Pipeline.plantFromCorpus(worker, PLANT, LocalDate.parse("2024-07-01"), LocalDate.parse("2024-07-31"));
        Metrics after = Metrics.scrape(null);
        int days = Pipeline.json("/api/v1/removals?plant=" + PLANT + "&size=100").getInt("total");
        assertEquals(31, days, "July's days, each with a figure");
        double newFigures = after.sum("carbonmrv_mrv_figures_total", "stored", "current")
                - before.sum("carbonmrv_mrv_figures_total", "stored", "current");
        assertTrue(newFigures >= days, "a first version of each of the " + days + " days: " + newFigures);
        assertTrue(after.sum("carbonmrv_mrv_events_total", "outcome", "done")
                - before.sum("carbonmrv_mrv_events_total", "outcome", "done") >= days, "a grade event per day");
        assertTrue(after.sum("carbonmrv_mrv_recompute_duration_seconds_count")
                > before.sum("carbonmrv_mrv_recompute_duration_seconds_count"));
        assertEquals(0, after.sum("carbonmrv_queue_pending", "queue", "recompute"));

        String read = "/api/v1/removals?plant=" + PLANT + "&from=2024-07-01&to=2024-07-31";
        given().get(read).then().statusCode(200);
        Metrics once = Metrics.scrape(null);
        given().get(read).then().statusCode(200);
        Metrics twice = Metrics.scrape(null);
        assertEquals(1, twice.sum("carbonmrv_mrv_cache_requests_total", "result", "hit")
                - once.sum("carbonmrv_mrv_cache_requests_total", "result", "hit"), "the same read, from memory");
    }
}
