package org.carbonmrv.qaqc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.carbonmrv.common.Jdbc;
import org.carbonmrv.devstack.DevJwt;
import org.carbonmrv.devstack.DrippingInputStream;
import org.carbonmrv.devstack.EmbeddedPostgresTestResource;
import org.carbonmrv.devstack.IngestServiceTestResource;
import org.carbonmrv.devstack.Multipart;
import org.carbonmrv.devstack.SensorLogs;
import org.carbonmrv.devstack.TestPlants;
import org.carbonmrv.devstack.UpstreamServices;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * ECS stops a task with SIGTERM: an ingest-service process stopped while an upload is still arriving finishes it
 * (the shutdown timeout lets requests in flight end) and exits; the upload is either wholly stored or not at all.
 * A process killed outright (SIGKILL) stores nothing of the upload in flight.
 * Run here because qaqc's tests have the packaged ingest-service to start.
 */
@QuarkusTest
@WithTestResource(IngestServiceTestResource.class)
class IngestShutdownTest {

    private static final String PLANT = "PLANT_SIGTERM";
    private static final String KILLED = "PLANT_SIGKILL";
    private static final int READINGS = 3000;

    @Inject
    DataSource dataSource;

    @Test
    void aSigtermDuringAnUploadLetsItFinishWhole() throws Exception {
        UpstreamServices.Started ingest = UpstreamServices.start("ingest-service",
                new EmbeddedPostgresTestResource().start(), Map.of());
        TestPlants.registerAt(ingest.url(), PLANT);
        CompletableFuture<HttpResponse<String>> answer = HttpClient.newHttpClient().sendAsync(
                upload(ingest.url(), log(PLANT), true), HttpResponse.BodyHandlers.ofString());

        Thread.sleep(1500); // the upload is arriving
        ingest.process().destroy(); // SIGTERM
        HttpResponse<String> r = answer.get(60, TimeUnit.SECONDS);
        assertTrue(ingest.process().waitFor(40, TimeUnit.SECONDS), "the process exits within ECS' stop timeout");

        assertEquals(201, r.statusCode(), "the upload in flight is finished: " + r.body());
        assertEquals(READINGS, readings(PLANT), "every reading of the upload, none missing");
    }

    /** A task that dies (OOM kill, host failure) mid-upload: nothing of it is stored; the client's retry is new. */
    @Test
    void aKillDuringAnUploadStoresNothingAndTheRetryIsAccepted() throws Exception {
        Map<String, String> ds = new EmbeddedPostgresTestResource().start();
        UpstreamServices.Started ingest = UpstreamServices.start("ingest-service", ds, Map.of());
        TestPlants.registerAt(ingest.url(), KILLED);
        String csv = log(KILLED);
        CompletableFuture<HttpResponse<String>> answer = HttpClient.newHttpClient().sendAsync(
                upload(ingest.url(), csv, true), HttpResponse.BodyHandlers.ofString());

        Thread.sleep(1500);
        ingest.process().destroyForcibly(); // SIGKILL
        assertTrue(ingest.process().waitFor(10, TimeUnit.SECONDS));
        ExecutionException cut = assertThrows(ExecutionException.class, () -> answer.get(60, TimeUnit.SECONDS));
        assertTrue(cut.getCause() instanceof java.io.IOException, "the client sees the connection cut: " + cut);
        assertEquals(0, readings(KILLED), "no reading of the killed upload");
        assertEquals(0, Jdbc.count(dataSource, "select count(*) from ingest.upload where ? = any (plants)", KILLED),
                "no upload row");

        UpstreamServices.Started again = UpstreamServices.start("ingest-service", ds, Map.of());
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(upload(again.url(), csv, false),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, r.statusCode(), "the retry is a new upload, not a repeat: " + r.body());
            assertEquals(READINGS, readings(KILLED));
        } finally {
            again.process().destroy();
        }
    }

    private static String log(String plant) {
        return SensorLogs.csv(plant, "PH_SIGTERM", SensorLogs.localMinutes(LocalDateTime.of(2024, 8, 1, 0, 0),
                READINGS, ZoneId.of("America/New_York")), 7.0);
    }

    /** The log as a multipart upload; dripping: 2 KiB every 100 ms, so that it is still arriving for seconds. */
    private static HttpRequest upload(String url, String csv, boolean dripping) {
        Multipart body = new Multipart("b").file("sigterm.csv", "text/csv", csv);
        byte[] bytes = body.bytes();
        return HttpRequest.newBuilder(URI.create(url + "/api/v1/uploads"))
                .header("Authorization", "Bearer " + DevJwt.forTests().token("sigterm", "engineer"))
                .header("Content-Type", body.contentType()).timeout(Duration.ofSeconds(60))
                .POST(dripping ? HttpRequest.BodyPublishers.ofInputStream(() -> new DrippingInputStream(bytes, 2048,
                        100)) : HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
    }

    private long readings(String plant) {
        return Jdbc.count(dataSource, "select count(*) from ingest.v_sensor_reading where plant = ?", plant);
    }
}
