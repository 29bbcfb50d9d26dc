package org.carbonmrv.mrv.dashboard;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.carbonmrv.common.Jdbc;
import org.carbonmrv.devstack.DevJwt;
import org.carbonmrv.devstack.PipelineTestResource;
import org.carbonmrv.devstack.TestPlants;
import org.carbonmrv.devstack.TestTokens;
import org.carbonmrv.mrv.Pipeline;
import org.carbonmrv.mrv.queue.RecomputeWorker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * The dashboard's HTTP contract without a browser: sign-in, session cookie, roles, cross-site protection; and its
 * pH chart's days against the readings themselves.
 */
@QuarkusTest
@WithTestResource(PipelineTestResource.class)
class DashboardResourceTest {

    private static final String COOKIE = "carbon_mrv_token";

    @Inject
    RecomputeWorker worker;

    @Inject
    DashboardReadRepository reads;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void corpus() {
        Pipeline.loadCorpus(worker);
    }

    @Test
    void anAnonymousVisitorIsSentToSignInAndOnlyAValidTokenSignsIn() {
        TestTokens.anonymous(() -> {
            given().redirects().follow(false).get("/dashboard?plant=PLANT_B").then().statusCode(303)
                    .header("Location", endsWith("/dashboard/sign-in?next=%2Fdashboard%3Fplant%3DPLANT_B"));
            given().get("/dashboard/sign-in").then().statusCode(200).body(containsString("name=\"token\""));
            given().get("/dashboard/view").then().statusCode(401);
            given().formParam("token", DevJwt.otherKeys().token("mallory", "admin")).post("/dashboard/sign-in")
                    .then().statusCode(401).body(containsString("not accepted"));
            given().formParam("token", DevJwt.unsigned("mallory", "admin")).post("/dashboard/sign-in")
                    .then().statusCode(401);
            // a good token: an HttpOnly, SameSite=Strict cookie, and never a redirect off the dashboard
            Response r = given().redirects().follow(false).formParam("token", "Bearer "
                    + TestTokens.withRoles("v", "viewer")).formParam("next", "//evil.example/").post("/dashboard/sign-in");
            assertEquals(303, r.statusCode());
            assertTrue(r.header("Location").endsWith("/dashboard"), r.header("Location"));
            String setCookie = r.header("Set-Cookie");
            assertTrue(setCookie.startsWith(COOKIE + "="), setCookie);
            assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict")
                    && setCookie.contains("Max-Age="), setCookie);
            // the cookie alone authenticates the page and the API (the export links rely on it)
            given().cookie(COOKIE, r.cookie(COOKIE)).get("/dashboard").then().statusCode(200)
                    .header("Content-Security-Policy", startsWith("default-src 'self'"))
                    .body(containsString("id=\"chart-data\""));
            given().cookie(COOKIE, r.cookie(COOKIE)).get("/api/v1/plants").then().statusCode(200);
            given().cookie(COOKIE, r.cookie(COOKIE)).redirects().follow(false).post("/dashboard/sign-out").then()
                    .statusCode(303).header("Set-Cookie", containsString("Max-Age=0"));
        });
    }

    @Test
    void thePhChartsDaysAreTheReadingsDaysInThePlantsZone() {
        LocalDate from = LocalDate.of(2024, 6, 1);
        LocalDate to = LocalDate.of(2024, 12, 31);
        List<String> fromStats = reads.phDays("PLANT_A", from, to).stream().map(d -> line(d.sensorId(), d.day(),
                d.mean(), d.min(), d.max(), d.readings())).toList();
        // the same days straight from the readings, in the zone the corpus' plants are registered with
        List<String> fromReadings = Jdbc.list(dataSource, "select sensor_id, d, avg(value), min(value), max(value), "
                + "count(value) from (select sensor_id, (ts at time zone ?)::date as d, value from "
                + "ingest.v_sensor_reading where plant = 'PLANT_A' and lower(unit) = 'ph') r where d between ? and ? "
                + "group by sensor_id, d order by sensor_id, d", rs -> line(rs.getString(1),
                        rs.getObject(2, LocalDate.class), Jdbc.number(rs, 3), Jdbc.number(rs, 4), Jdbc.number(rs, 5),
                        rs.getLong(6)), TestPlants.SAMPLE_ZONE, from, to);
        assertTrue(fromReadings.size() > 20, fromReadings.toString());
        assertEquals(fromReadings, fromStats);
    }

    /** A day's statistics, the mean to 9 decimals (the two ways sum the readings in different orders). */
    private static String line(String sensor, LocalDate day, Double mean, Double min, Double max, long n) {
        return sensor + "|" + day + "|" + (mean == null ? "null" : String.format("%.9f", mean)) + "|" + min + "|"
                + max + "|" + n;
    }

    @Test
    void rolesDecideWhatThePageOffersAndAllows() {
        String viewer = "Bearer " + TestTokens.withRoles("v", "viewer");
        String reviewer = "Bearer " + TestTokens.withRoles("r", "reviewer");
        given().header("Authorization", "Bearer " + TestTokens.withRoles("etl", "service")).get("/dashboard").then()
                .statusCode(403);
        String page = given().header("Authorization", viewer).get("/dashboard?plant=PLANT_A").then().statusCode(200)
                .extract().asString();
        assertTrue(!page.contains("id=\"approve\""), "a viewer is offered no approval");
        given().header("Authorization", reviewer).get("/dashboard?plant=PLANT_A").then().statusCode(200)
                .body(containsString("id=\"approve\""));
        given().header("Authorization", viewer).header("HX-Request", "true").formParam("decision", "APPROVED")
                .formParam("comment", "x").post("/dashboard/approvals?plant=PLANT_A&from=2030-01-01&to=2030-01-02")
                .then().statusCode(403);
        // a reviewer's decision on a range without figures: refused with the reason, nothing recorded
        given().header("Authorization", reviewer).header("HX-Request", "true").formParam("decision", "APPROVED")
                .formParam("comment", "x").post("/dashboard/approvals?plant=PLANT_A&from=2030-01-01&to=2030-01-02")
                .then().statusCode(200).body(containsString("no daily figure for PLANT_A between 2030-01-01"));
        given().header("Authorization", viewer).get("/dashboard/view?plant=PLANT_A&flag=NOPE").then()
                .statusCode(400).contentType("application/problem+json").body(containsString("flag: 'NOPE' is not "
                        + "one of NO_OPS_DATA, INVALID_FLOW, MISSING_CA_READINGS, INVALID, VALID"));
        given().header("Authorization", viewer).get("/dashboard/day/PLANT_A/2030-01-01").then().statusCode(404);
    }

    @Test
    void aStateChangeCarriedByTheCookieAloneNeedsTheDashboardsHeader() {
        String reviewer = TestTokens.withRoles("r", "reviewer");
        TestTokens.anonymous(() -> {
            // what a cross-site form could send: refused before it reaches the resource
            given().cookie(COOKIE, reviewer).formParam("decision", "APPROVED").formParam("comment", "x")
                    .post("/dashboard/approvals?plant=PLANT_A&from=2030-01-01&to=2030-01-02").then().statusCode(403)
                    .body(containsString("X-Requested-With"));
            given().cookie(COOKIE, reviewer).header("HX-Request", "true").formParam("decision", "APPROVED")
                    .formParam("comment", "x").post("/dashboard/approvals?plant=PLANT_A&from=2030-01-01&to=2030-01-02")
                    .then().statusCode(200);
        });
    }
}
