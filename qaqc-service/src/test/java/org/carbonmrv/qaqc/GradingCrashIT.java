package org.carbonmrv.qaqc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.carbonmrv.devstack.DevJwt;
import org.carbonmrv.devstack.Multipart;
import org.carbonmrv.devstack.OwnPipeline;
import org.carbonmrv.devstack.SensorLogs;
import org.carbonmrv.devstack.TestPlants;
import org.carbonmrv.devstack.TestTokens;
import org.carbonmrv.devstack.UpstreamServices;
import org.junit.jupiter.api.Test;

/**
 * Grading survives what ECS and RDS do to it: a qaqc process killed ({@code kill -9}) in the middle of a job, two
 * replicas sharing one queue, and the database restarted while they grade. The same sensor logs are graded for two
 * plants: REF by one process left alone, CRASH through the kill, the two replicas and the restart; every reading is
 * graded once, and both plants' per-day flag counts are equal.
 * <p>
 * Packaged processes on a database of its own (not the suite's shared one, whose service under test also grades).
 */
class GradingCrashIT {

    /** Four logs of 100,000 minutes (the kill meets one of their jobs), then one of 500,000 (the restart). */
    private static final int SMALL = 100_000;
    private static final int BIG = 500_000;
    private static final ZoneId ZONE = ZoneId.of(TestPlants.SAMPLE_ZONE);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String AUTH = "Bearer " + DevJwt.forTests().token("crash-test", "admin");
    private static final String DONE = "select count(*) from qaqc.job where status = 'DONE'";
    private static final String EVENTS = "select count(*) from ingest.upload_event";

    /** An ingest process and a qaqc process (which the test may stop) on {@code own}, with these plants. */
    private record Stack(String ingest, UpstreamServices.Started qaqc) {
        static Stack start(OwnPipeline own, String... plants) {
            String ingest = own.start("ingest-service", Map.of());
            UpstreamServices.Started qaqc = own.started(UpstreamServices.start("qaqc-service", own.datasource(),
                    Map.of()));
            TestTokens.useAdminByDefault();
            TestPlants.registerAt(ingest, plants);
            return new Stack(ingest, qaqc);
        }
    }

    @Test
    void aKilledJobIsGradedOnceByTheReplicasThroughADatabaseRestart() throws Exception {
        try (OwnPipeline own = new OwnPipeline()) {
            Stack stack = Stack.start(own, "REF", "CRASH");
            String ingest = stack.ingest();
            UpstreamServices.Started alone = stack.qaqc();
            uploadSmallLogs(ingest, "REF");
            upload(ingest, "REF", 4, 4L * SMALL, BIG);
            awaitAllJobsDone(own);

            uploadSmallLogs(ingest, "CRASH");
            own.awaitClaim("qaqc", "job", Duration.ofMinutes(1));
            alone.process().destroyForcibly(); // SIGKILL: no shutdown hook, the claiming transaction is cut
            assertTrue(alone.process().waitFor(10, TimeUnit.SECONDS));
            assertTrue(own.count(DONE) < own.count(EVENTS), "the kill met unfinished work");

            String replica = own.start("qaqc-service", Map.of());
            own.start("qaqc-service", Map.of());
            awaitAllJobsDone(own);
            upload(ingest, "CRASH", 4, 4L * SMALL, BIG);
            own.awaitClaim("qaqc", "job", Duration.ofMinutes(1));
            own.server().stopForOutage();
            Thread.sleep(2000);
            own.server().startAgain();
            awaitAllJobsDone(own);

            assertEquals(0, own.count("select count(*) from qaqc.job where status <> 'DONE'"), "none parked");
            long readings = 4L * SMALL + BIG;
            String ref = daySummary(replica, "REF");
            String crash = daySummary(replica, "CRASH");
            assertEquals(readings, records(ref), "REF: each reading graded once");
            assertEquals(readings, records(crash), "CRASH: each reading graded once");
            assertTrue(ref.matches("(?s).*\"good\":[1-9].*") && ref.matches("(?s).*\"fail\":[1-9].*"),
                    "the logs grade GOOD and FAIL both, so that a difference would show");
            assertEquals(ref, crash.replace("\"plant\":\"CRASH\"", "\"plant\":\"REF\""),
                    "the killed, shared and restarted grading gives what one process alone gives");
        }
    }

    /** ECS stops a task with SIGTERM: the job in flight is finished or rolled back within the stop timeout. */
    @Test
    void aSigtermDuringAJobEndsItWholeOrNotAtAll() throws Exception {
        try (OwnPipeline own = new OwnPipeline()) {
            Stack stack = Stack.start(own, "TERM");
            String ingest = stack.ingest();
            UpstreamServices.Started qaqc = stack.qaqc();
            upload(ingest, "TERM", 0, 0, 2 * SMALL);
            own.awaitClaim("qaqc", "job", Duration.ofMinutes(1));
            qaqc.process().destroy(); // SIGTERM
            assertTrue(qaqc.process().waitFor(30, TimeUnit.SECONDS), "the process exits within ECS' stop timeout");

            String graded = "select count(*) from qaqc.v_record_flag where plant = 'TERM'";
            assertEquals(own.count(DONE) == 1 ? 2 * SMALL : 0, own.count(graded), "the job is whole or not at all");
            own.start("qaqc-service", Map.of());
            awaitAllJobsDone(own);
            assertEquals(2 * SMALL, own.count(graded), "graded once, after the restart if not before");
        }
    }

    /** Waits until every upload event has its job and every job is done. */
    private static void awaitAllJobsDone(OwnPipeline own) throws Exception {
        own.awaitCount("select (" + EVENTS + ") - (" + DONE + ")", 0, Duration.ofMinutes(3));
    }

    private static void uploadSmallLogs(String ingest, String plant) throws Exception {
        for (int f = 0; f < 4; f++) {
            upload(ingest, plant, f, (long) f * SMALL, SMALL);
        }
    }

    /** pH at minute {@code m}: a slow wave, with a spike out of range every 997 minutes (GOOD, SUSPECT and FAIL). */
    private static double reading(long m) {
        return Math.round((7.0 + 0.5 * Math.sin(m / 37.0) + (m % 997 == 0 ? 8 : 0)) * 1000) / 1000.0;
    }

    /** Log number {@code index} of one probe: {@code minutes} minutes from 2024-01-01 local time + {@code offset}. */
    private static void upload(String ingest, String plant, int index, long offset, int minutes) throws Exception {
        LocalDateTime from = LocalDateTime.of(2024, 1, 1, 0, 0).plusMinutes(offset);
        String csv = SensorLogs.csv(plant, "PH_CRASH", SensorLogs.localMinutes(from, minutes, ZONE),
                i -> reading(offset + i));
        HttpResponse<String> r = HTTP.send(multipart(ingest, plant + "-" + index + ".csv", csv),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
    }

    private static HttpRequest multipart(String ingest, String name, String csv) {
        Multipart body = new Multipart("b").file(name, "text/csv", csv);
        return HttpRequest.newBuilder(URI.create(ingest + "/api/v1/uploads")).header("Authorization", AUTH)
                .header("Content-Type", body.contentType()).timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())).build();
    }

    /** Graded readings: the days' record counts of a summary (a page of grades sorts every reading first). */
    private static long records(String summary) {
        long n = 0;
        for (Object day : new io.vertx.core.json.JsonArray(summary)) {
            n += ((io.vertx.core.json.JsonObject) day).getLong("records");
        }
        return n;
    }

    /** Per day: records per flag and completeness, as the API answers them. */
    private static String daySummary(String qaqc, String plant) throws Exception {
        return get(qaqc + "/api/v1/grades/summary?plant=" + plant + "&from=2023-12-31&to=2027-12-31");
    }

    private static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", AUTH)
                .timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), url + ": " + r.body());
        return r.body();
    }
}
