package org.carbonmrv.qaqc;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.carbonmrv.devstack.IngestServiceTestResource;
import org.carbonmrv.qaqc.grading.GradingCheckpoint;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The work queue under concurrency and failure; configuration versions; overrides across re-grading. */
@QuarkusTest
@WithTestResource(IngestServiceTestResource.class)
class QueueAndConfigTest extends GradedCorpusTest {

    /** Makes grading fail between writing a job's grades and marking it done, for the jobs {@code failing} picks. */
    private static void failAfterGrades(java.util.function.LongPredicate failing, String message) {
        io.quarkus.test.junit.QuarkusMock.installMockForType(new GradingCheckpoint() {
            @Override
            public void afterGradesWritten(long jobId) {
                if (failing.test(jobId)) {
                    throw new IllegalStateException(message);
                }
            }
        }, GradingCheckpoint.class);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Map<String, Object> currentConfig() {
        return (Map) given().get("/api/v1/config").then().statusCode(200).extract().jsonPath().getMap("config");
    }

    /** Stores the current configuration again as a new version: every accepted upload gets a regrade job. */
    private static int newVersion(String comment) {
        return given().contentType(ContentType.JSON).body(Map.of("config", currentConfig(), "comment", comment))
                .put("/api/v1/config").then().statusCode(201).extract().jsonPath().getInt("version");
    }

    /** Every grade of every job, a row per record: lab and ops rows, and each reading of the sensor rows. */
    private static final String ALL_GRADES = "(select job_id, config_version, record_type, record_id, plant "
            + "from qaqc.grade union all select job_id, config_version, 'sensor', record_id, plant "
            + "from qaqc.sensor_grade_reading) g";

    private String text(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private long scalar(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void twoGradersOnOneQueueGradeEveryRecordOnce() throws Exception {
        int v = newVersion("two graders");
        long jobs = scalar("select count(*) from qaqc.job where status = 'PENDING'");
        assertTrue(jobs >= 12, "regrade jobs " + jobs);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        AtomicInteger processed = new AtomicInteger();
        List<Future<?>> graders = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            graders.add(pool.submit(() -> {
                while (worker.processOne()) {
                    processed.incrementAndGet();
                }
            }));
        }
        for (Future<?> f : graders) {
            f.get();
        }
        pool.shutdown();
        assertEquals(jobs, processed.get(), "each job processed once");
        assertEquals(0, scalar("select count(*) from qaqc.job where kind = 'regrade' and config_version = " + v
                + " and status <> 'DONE'"));
        assertEquals(0, scalar("select count(*) from (select job_id, record_type, record_id from " + ALL_GRADES
                + " group by 1, 2, 3 having count(*) > 1) d"), "no record graded twice by one job");
        assertEquals(2 * 19980, scalar("select count(*) from " + ALL_GRADES + " where record_type = 'sensor' "
                + "and config_version = " + v + " and plant = 'PLANT_A'"), "every sensor record once with v" + v);
        assertEquals(344, scalar("select count(distinct record_id) from " + ALL_GRADES + " where record_type = 'lab' "
                + "and config_version = " + v));
        assertEquals(2 * 19980, scalar("select count(*) from qaqc.v_record_flag where record_type = 'sensor' "
                + "and plant = 'PLANT_A' and config_version = " + v), "the current grades are the new version's");
    }

    @Test
    void aGraderStoppedMidJobLeavesNothingAndTheJobIsGradedAgain() throws Exception {
        int v = newVersion("crash");
        // a sensor job: the largest writes (rows of readings, outcomes, the upload's current job)
        long victim = scalar("select min(id) from qaqc.job where status = 'PENDING' and record_type = 'sensor'");
        long[] crashed = {-1};
        failAfterGrades(id -> {
            if (id == victim && crashed[0] < 0) {
                crashed[0] = id;
                return true;
            }
            return false;
        }, "simulated crash after writing grades");
        long before = scalar("select job_id from qaqc.sensor_current_job where upload_id = "
                + "(select upload_id from qaqc.job where id = " + victim + ")");
        while (crashed[0] < 0) {
            assertTrue(worker.processOne());
        }
        assertEquals(before, scalar("select job_id from qaqc.sensor_current_job where upload_id = "
                + "(select upload_id from qaqc.job where id = " + victim + ")"), "still the earlier grading");
        assertEquals(0, scalar("select count(*) from " + ALL_GRADES + " where job_id = " + crashed[0]), "rolled back");
        assertEquals(0, scalar("select count(*) from qaqc.sensor_outcome where job_id = " + crashed[0]));
        assertEquals(1, scalar("select attempts from qaqc.job where id = " + crashed[0]));
        worker.drain();
        assertEquals("DONE", given().get("/api/v1/jobs?status=DONE&size=1000").then().extract().jsonPath()
                .getString("find { it.id == " + crashed[0] + " }.status"));
        long upload = scalar("select upload_id from qaqc.job where id = " + crashed[0]);
        long graded = scalar("select count(*) from " + ALL_GRADES + " where job_id = " + crashed[0]);
        assertEquals(graded, scalar("select count(distinct (record_type, record_id)) from " + ALL_GRADES
                + " where job_id = " + crashed[0]), "nothing duplicated");
        assertTrue(graded > 0, "job " + crashed[0] + " of upload " + upload + " graded once, v" + v);
    }

    @Test
    void aJobThatKeepsFailingIsParkedWithItsError() throws Exception {
        newVersion("park");
        long victim = scalar("select min(id) from qaqc.job where status = 'PENDING'");
        failAfterGrades(id -> id == victim, "poisoned job");
        worker.drain();
        given().get("/api/v1/jobs?status=PARKED").then().statusCode(200)
                .body("find { it.id == " + victim + " }.attempts", equalTo(3))
                .body("find { it.id == " + victim + " }.last_error", org.hamcrest.Matchers.containsString("poisoned"));
        assertEquals(0, scalar("select count(*) from qaqc.job where status = 'PENDING'"), "the others went on");
        given().get("/q/health/ready").then().body("checks.find { it.name == 'grading queue' }.data.parked",
                org.hamcrest.Matchers.greaterThanOrEqualTo(1));
    }

    @Test
    void aConfigChangeRegradesWithBothVersionsInHistoryAndOverridesSurvive() throws Exception {
        long spike = scalar("select record_id from qaqc.v_record_flag where record_type = 'sensor' and "
                + "parameter = 'PH0101' and ts = '2024-07-01 00:17:00'");
        int overrideId = given().contentType(ContentType.JSON).body(Map.of("record_type", "sensor", "record_ids",
                List.of(spike), "flag", 1, "reason", "technician confirmed a real pH excursion", "by", "alice"))
                .post("/api/v1/overrides").then().statusCode(201).extract().jsonPath().getInt("id");
        int before = given().get("/api/v1/records/sensor/" + spike + "/history").then().statusCode(200)
                .body("current.flag", equalTo(1)).body("current.auto_flag", equalTo(4))
                .body("current.override_id", equalTo(overrideId)).extract().path("current.config_version");
        assertEquals("PLANT_A 2024-07-01 sensor", text("select string_agg(plant || ' ' || day || ' ' || record_type, "
                + "', ') from qaqc.grade_event where override_id = " + overrideId));
        assertEquals(1, scalar("select count(*) from qaqc.v_record_flag where record_type = 'sensor' and plant = "
                + "'PLANT_A' and day = '2024-07-01' and override_id = " + overrideId), "the view applies it too");
        Map<String, Object> original = currentConfig();
        Map<String, Object> cfg = currentConfig();
        @SuppressWarnings("unchecked")
        Map<String, Object> ph = (Map<String, Object>) ((Map<String, Object>) cfg.get("sensor")).get("pH");
        ph.put("spike_fail", 10.0); // spikes become SUSPECT only
        int v = given().contentType(ContentType.JSON).body(Map.of("config", cfg, "comment", "spikes suspect only"))
                .put("/api/v1/config").then().statusCode(201).extract().jsonPath().getInt("version");
        try {
            worker.drain();
            revokedOverrideAfterRegrade(spike, overrideId, before, v);
        } finally {
            // back to the thresholds it found (as a new version), whatever the assertions said
            given().contentType(ContentType.JSON).body(Map.of("config", original, "comment", "restore"))
                    .put("/api/v1/config").then().statusCode(201);
            worker.drain();
        }
    }

    private static void revokedOverrideAfterRegrade(long spike, int overrideId, int before, int v) {
        var history = given().get("/api/v1/records/sensor/" + spike + "/history").then().statusCode(200)
                .body("current.flag", equalTo(1)).body("current.config_version", equalTo(v))
                .body("current.auto_flag", equalTo(3)).body("overrides.id", hasItem(overrideId))
                .extract().jsonPath();
        List<Integer> versions = history.getList("grades.config_version");
        assertTrue(versions.contains(before) && versions.contains(v), versions.toString());
        given().header("Authorization", "Bearer " + org.carbonmrv.devstack.TestTokens.withRoles("bob", "reviewer"))
                .delete("/api/v1/overrides/" + overrideId + "?reason=mistake").then().statusCode(200)
                .body("revoked_by", equalTo("bob"));
        given().get("/api/v1/records/sensor/" + spike + "/history").then().body("current.flag", equalTo(3))
                .body("current.override_id", equalTo(null));
        given().delete("/api/v1/overrides/" + overrideId).then().statusCode(409);
    }

    @Test
    void anInvalidThresholdSetIs400WithTheField() {
        Map<String, Object> cfg = currentConfig();
        @SuppressWarnings("unchecked")
        Map<String, Object> ph = (Map<String, Object>) ((Map<String, Object>) cfg.get("sensor")).get("pH");
        ph.put("physical_min", 20);
        given().contentType(ContentType.JSON).body(Map.of("config", cfg)).put("/api/v1/config").then()
                .statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("sensor.pH.physical_min"));
        given().contentType(ContentType.JSON).body(Map.of("config", Map.of("weather", Map.of()))).put("/api/v1/config")
                .then().statusCode(400).body("violations.field", hasItem("weather"));
        given().contentType(ContentType.JSON).body(Map.of("record_type", "sensor", "record_ids", List.of(1),
                "flag", 1, "reason", " ")).post("/api/v1/overrides").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("record_type", "sensor", "record_ids", List.of(1),
                "flag", 7, "reason", "x")).post("/api/v1/overrides").then().statusCode(400)
                .body("violations.field", hasItem("flag"));
    }

    @Test
    void anOverrideByPlantParameterAndTimeRange() throws Exception {
        int id = given().contentType(ContentType.JSON).body(Map.of("plant", "PLANT_A", "parameter", "PH0102",
                "from", "2024-07-02T00:00:00", "to", "2024-07-02T00:09:00", "flag", 3, "reason", "probe cleaning"))
                .post("/api/v1/overrides").then().statusCode(201).extract().jsonPath().getInt("id");
        given().get("/api/v1/grades?record_type=sensor&parameter=PH0102&from=2024-07-02&to=2024-07-02&size=20")
                .then().body("items.findAll { it.override_id == " + id + " }.size()", equalTo(10));
        assertEquals("PLANT_A 2024-07-02 sensor", text("select string_agg(plant || ' ' || day || ' ' || record_type, "
                + "', ') from qaqc.grade_event where override_id = " + id), "the overridden plant-day, once");
        given().delete("/api/v1/overrides/" + id).then().statusCode(200);
    }
}
