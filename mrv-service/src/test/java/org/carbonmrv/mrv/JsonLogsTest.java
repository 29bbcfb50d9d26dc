package org.carbonmrv.mrv;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.carbonmrv.devstack.PipelineTestResource;
import org.carbonmrv.devstack.SampleCorpus;
import org.carbonmrv.devstack.TestPlants;
import org.carbonmrv.devstack.UpstreamServices;
import org.carbonmrv.mrv.queue.RecomputeWorker;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The packaged ingest and qaqc services run as ECS runs them, with JSON logs: the lines of an upload carry the
 * caller's request id and the plant, the lines of the grading job it causes carry the job and the upload's id.
 */
@QuarkusTest
@WithTestResource(PipelineTestResource.class)
class JsonLogsTest {

    private static final String PLANT = "PLANT_LOGS";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    RecomputeWorker worker;

    /** Every line of a service's output that is a JSON log record whose mdc has {@code key = value}. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> records(String module, String key, String value) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String line : Files.readAllLines(UpstreamServices.log(module))) {
            if (!line.startsWith("{")) {
                continue;
            }
            Map<String, Object> r = JSON.readValue(line, Map.class);
            Map<String, Object> mdc = (Map<String, Object>) r.getOrDefault("mdc", Map.of());
            if (value.equals(String.valueOf(mdc.get(key)))) {
                out.add(r);
            }
        }
        return out;
    }

    @Test
    void anUploadAndItsGradingJobAreFoundInTheLogsByTheirIds() throws Exception {
        TestPlants.registerAt(SampleCorpus.ingestUrl(), PLANT);
        String requestId = "json-logs-" + System.nanoTime();
        int uploadId = given().baseUri(SampleCorpus.ingestUrl()).port(-1).header("X-Request-Id", requestId)
                .multiPart("file", Pipeline.julyOpsAs(PLANT).toFile()).multiPart("plant", PLANT)
                .post("/api/v1/uploads").then().statusCode(201).extract().jsonPath().getInt("id");
        Pipeline.settle(worker);

        List<Map<String, Object>> upload = records("ingest-service", "request_id", requestId);
        assertFalse(upload.isEmpty(), "ingest's lines of the request carry its id");
        assertTrue(upload.stream().anyMatch(r -> String.valueOf(r.get("message")).contains("upload " + uploadId
                + " accepted") && PLANT.equals(((Map<?, ?>) r.get("mdc")).get("plant"))),
                "the acceptance line names the plant: " + upload);
        List<Map<String, Object>> job = records("qaqc-service", "upload_id", String.valueOf(uploadId));
        assertTrue(job.stream().anyMatch(r -> String.valueOf(r.get("message")).contains("records graded")
                && ((Map<?, ?>) r.get("mdc")).get("job_id") != null), "qaqc's job line carries job and upload: "
                + job);
    }
}
