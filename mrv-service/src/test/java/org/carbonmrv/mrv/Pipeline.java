package org.carbonmrv.mrv;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.carbonmrv.devstack.SampleCorpus;
import org.carbonmrv.mrv.queue.RecomputeWorker;
import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.path.json.JsonPath;

/** Drives the real pipeline: uploads through ingest-service, waits for qaqc-service's grading, recomputes. */
public final class Pipeline {

    private static boolean corpusLoaded;

    private Pipeline() {
    }

    public static String qaqcUrl() {
        return ConfigProvider.getConfig().getValue("pipeline.qaqc-url", String.class);
    }

    /** The sample corpus uploaded, graded and computed (once per test JVM). */
    public static synchronized void loadCorpus(RecomputeWorker worker) {
        if (!corpusLoaded) {
            SampleCorpus.uploadAll();
            settle(worker);
            corpusLoaded = true;
        }
    }

    /** Waits until qaqc has graded every upload event, then drains mrv's queue. */
    public static int settle(RecomputeWorker worker) {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (true) {
            JsonPath health = given().baseUri(qaqcUrl()).port(-1).get("/q/health/ready").then().extract()
                    .jsonPath();
            List<Map<String, Object>> checks = health.getList("checks");
            Map<?, ?> data = checks.stream().filter(c -> "grading queue".equals(c.get("name")))
                    .map(c -> (Map<?, ?>) c.get("data")).findFirst().orElseThrow();
            if (((Number) data.get("pending")).longValue() == 0
                    && ((Number) data.get("unclaimed_events")).longValue() == 0) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("qaqc-service still grading: " + data);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return worker.drain();
    }

    public static JsonPath json(String url) {
        return given().get(url).then().statusCode(200).extract().jsonPath(SampleCorpus.DOUBLES);
    }
}
