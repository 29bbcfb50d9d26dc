package org.carbonmrv.qaqc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;

import jakarta.inject.Inject;

import org.carbonmrv.devstack.IngestServiceTestResource;
import org.carbonmrv.devstack.Metrics;
import org.carbonmrv.devstack.SampleCorpus;
import org.carbonmrv.devstack.SensorLogs;
import org.carbonmrv.devstack.TestPlants;
import org.carbonmrv.qaqc.queue.GradingWorker;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** {@code /q/metrics}: the grading queue's gauges and the job meters move when an upload is graded. */
@QuarkusTest
@WithTestResource(IngestServiceTestResource.class)
class MetricsTest {

    @Inject
    GradingWorker worker;

    @Test
    void gradingAnUploadMovesTheJobMetersAndEmptiesTheQueue() throws Exception {
        TestPlants.registerAt(SampleCorpus.ingestUrl(), "PLANT_QMETRICS");
        worker.drain(); // whatever earlier test classes left
        Metrics before = Metrics.scrape(null);
        Path f = Files.createTempDirectory("metrics").resolve("qmetrics.csv");
        Files.writeString(f, SensorLogs.csv("PLANT_QMETRICS", "PH_QM", SensorLogs.localMinutes(LocalDateTime.of(2024,
                7, 1, 0, 0), 90, ZoneId.of("America/New_York")), 7.1));
        SampleCorpus.upload(f.toFile(), null);

        Thread.sleep(2100); // the gauges answer one reading for up to 2 s
        Metrics waiting = Metrics.scrape(null);
        assertEquals(1, waiting.sum("carbonmrv_queue_unclaimed_events", "queue", "grading")
                + waiting.sum("carbonmrv_queue_pending", "queue", "grading"), "the upload waits to be graded");
        worker.drain();
        Thread.sleep(2100);
        Metrics after = Metrics.scrape(null);
        assertEquals(1, after.sum("carbonmrv_qaqc_jobs_total", "outcome", "done")
                - before.sum("carbonmrv_qaqc_jobs_total", "outcome", "done"));
        assertEquals(90, after.sum("carbonmrv_qaqc_records_graded_total")
                - before.sum("carbonmrv_qaqc_records_graded_total"), "90 minutes of readings");
        assertEquals(0, after.sum("carbonmrv_queue_pending", "queue", "grading"));
        assertEquals(0, after.sum("carbonmrv_queue_unclaimed_events", "queue", "grading"));
        assertTrue(after.has("carbonmrv_queue_oldest_pending_seconds", "queue", "grading"));
        assertTrue(after.sum("carbonmrv_qaqc_job_duration_seconds_count")
                > before.sum("carbonmrv_qaqc_job_duration_seconds_count"));
    }
}
