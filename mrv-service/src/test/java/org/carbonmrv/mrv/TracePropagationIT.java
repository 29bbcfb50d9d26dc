package org.carbonmrv.mrv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.carbonmrv.devstack.OtlpSink;
import org.carbonmrv.devstack.OwnPipeline;
import org.carbonmrv.devstack.SampleCorpus;
import org.carbonmrv.devstack.TestPlants;
import org.carbonmrv.devstack.TestTokens;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;

/**
 * "Why did this figure change" followed across the three services: an upload made in a caller's trace, the qaqc job
 * it causes and the mrv recompute that follows are spans of that one trace, each the child of the one before —
 * the context travels through the event rows (upload_event, job, grade_event, event) — and each service exports its
 * span over OTLP (to a sink standing in for the backend).
 */
class TracePropagationIT {

    /** The caller's trace and span (W3C ids, 32 and 16 hex digits). */
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER = "00f067aa0ba902b7";

    @Test
    void anUploadItsGradingAndItsRecomputeAreOneTrace() throws Exception {
        try (OtlpSink sink = OtlpSink.start(); OwnPipeline own = new OwnPipeline()) {
            Map<String, String> tracing = Map.of("QUARKUS_OTEL_SDK_DISABLED", "false",
                    "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", sink.endpoint(),
                    "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf", "QUARKUS_OTEL_BSP_SCHEDULE_DELAY",
                    "100ms");
            String ingest = own.start("ingest-service", tracing);
            own.start("qaqc-service", with(tracing, "QAQC_WORKER_POLL", "200ms"));
            own.start("mrv-service", with(tracing, "MRV_WORKER_POLL", "200ms"));
            TestTokens.useAdminByDefault();
            TestPlants.registerAt(ingest, TestPlants.samples().toArray(String[]::new));

            File lab = SampleCorpus.samples().resolve("lab/IC_calcium.csv").toFile();
            RestAssured.given().baseUri(ingest).port(-1).header("traceparent", "00-" + TRACE + "-" + CALLER + "-01")
                    .multiPart("file", lab).post("/api/v1/uploads").then().statusCode(201);
            own.awaitCount("select count(*) from qaqc.job where status = 'DONE'", 1, Duration.ofMinutes(2));
            long events = own.count("select count(*) from qaqc.grade_event");
            assertTrue(events > 0, "the lab results name plant-days");
            own.awaitCount("select count(*) from mrv.event where status = 'DONE'", events, Duration.ofMinutes(2));

            String upload = single(own.texts("select traceparent from ingest.upload_event"));
            String job = single(own.texts("select distinct traceparent from qaqc.grade_event"));
            assertEquals(upload, single(own.texts("select traceparent from qaqc.job")), "the job carries the upload's");
            assertEquals(job, single(own.texts("select distinct traceparent from mrv.event")), "mrv mirrors it");
            for (String tp : List.of(upload, job)) {
                assertEquals(TRACE, tp.split("-")[1], "one trace: " + tp);
            }
            String ingestSpan = upload.split("-")[2];
            String jobSpan = job.split("-")[2];
            assertNotEquals(CALLER, ingestSpan, "ingest's request span is the caller's child, not the caller");
            assertNotEquals(ingestSpan, jobSpan, "the grading is a span of its own");

            // exported: ingest's span (child of the caller), qaqc's (child of ingest's), mrv's (child of qaqc's)
            awaitExported(sink, "ingest-service", TRACE, ingestSpan, CALLER);
            awaitExported(sink, "qaqc-service", TRACE, jobSpan, ingestSpan);
            awaitExported(sink, "mrv-service", TRACE, jobSpan);
        }
    }

    private static Map<String, String> with(Map<String, String> env, String key, String value) {
        Map<String, String> out = new java.util.HashMap<>(env);
        out.put(key, value);
        return out;
    }

    private static String single(List<String> values) {
        assertEquals(1, values.size(), values.toString());
        assertTrue(values.get(0) != null && values.get(0).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]"),
                "a W3C traceparent: " + values.get(0));
        return values.get(0);
    }

    private static void awaitExported(OtlpSink sink, String service, String... ids) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!sink.exported(service, ids)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(service + " exported no span with " + String.join(", ", ids));
            }
            Thread.sleep(100);
        }
    }
}
