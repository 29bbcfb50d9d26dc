package org.carbonmrv.mrv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.carbonmrv.devstack.DevJwt;
import org.carbonmrv.devstack.OwnPipeline;
import org.carbonmrv.devstack.SampleCorpus;
import org.carbonmrv.devstack.TestTokens;
import org.carbonmrv.devstack.UpstreamServices;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Recomputing survives what ECS and RDS do to it: an mrv process killed ({@code kill -9}) in the middle of a
 * recompute batch, two replicas finishing the queue, and the database restarted under them. Every plant-day of the
 * corpus ends equal to the expected file, each stored once (version 1), and the replicas' revision listeners come
 * back after the restart.
 * <p>
 * Packaged processes on a database of its own (not the suite's shared one, whose service under test also computes).
 */
class RecomputeCrashIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String AUTH = "Bearer " + DevJwt.forTests().token("crash-test", "admin");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aKilledRecomputeEndsInTheExpectedFiguresThroughReplicasAndARestart() throws Exception {
        try (OwnPipeline own = new OwnPipeline()) {
            String ingest = own.start("ingest-service", Map.of());
            own.start("qaqc-service", Map.of("QAQC_WORKER_POLL", "200ms"));
            TestTokens.useAdminByDefault();
            SampleCorpus.uploadAll(ingest);
            own.awaitCount("select (select count(*) from ingest.upload_event) - (select count(*) from qaqc.job "
                    + "where status = 'DONE')", 0, Duration.ofMinutes(3));

            // small batches: the backlog takes many transactions, one of which the kill meets
            CompletableFuture<UpstreamServices.Started> first = CompletableFuture.supplyAsync(() -> UpstreamServices
                    .start("mrv-service", own.datasource(), Map.of("MRV_WORKER_BATCH_SIZE", "10",
                            "MRV_WORKER_POLL", "200ms")));
            own.awaitClaim("mrv", "event", Duration.ofMinutes(2));
            ProcessHandle.current().children().filter(RecomputeCrashIT::isMrv).forEach(ProcessHandle::destroyForcibly);
            first.handle((s, e) -> s).get(2, TimeUnit.MINUTES);
            assertTrue(own.count("select count(*) from mrv.event where status = 'PENDING'") > 0, "a backlog is left");

            String replica = own.start("mrv-service", Map.of("MRV_WORKER_POLL", "200ms"));
            own.start("mrv-service", Map.of("MRV_WORKER_POLL", "200ms"));
            own.awaitCount("select count(*) from mrv.event where status <> 'DONE'", 0, Duration.ofMinutes(3));
            own.server().stopForOutage();
            Thread.sleep(2000);
            own.server().startAgain();
            awaitListening(replica, Duration.ofMinutes(1));

            List<Map<String, Object>> days = new ArrayList<>(items(replica, "PLANT_A"));
            days.addAll(items(replica, "PLANT_B"));
            GoldenFigures.assertMatch(days);
            assertTrue(days.stream().allMatch(d -> ((Number) d.get("version")).intValue() == 1),
                    "a day recomputed after the kill is the same figure, not a new version");
            assertEquals(0, own.count("select count(*) from mrv.event where attempts > 0"), "no recompute failed");
        }
    }

    private static boolean isMrv(ProcessHandle h) {
        return h.info().commandLine().orElse("").contains("mrv-service");
    }

    private static void awaitListening(String mrv, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(mrv + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                last = r.body();
                if (r.statusCode() == 200 && last.replace(" ", "").contains("\"listening\":true")) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the revision listener did not come back: " + last);
    }

    private static List<Map<String, Object>> items(String mrv, String plant) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(mrv + "/api/v1/removals?size=5000&plant="
                + plant)).header("Authorization", AUTH).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        Map<String, Object> page = JSON.readValue(r.body(), new TypeReference<Map<String, Object>>() {
        });
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
        return items;
    }
}
