package org.carbonmrv.mrv.dashboard;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.carbonmrv.devstack.PipelineTestResource;
import org.carbonmrv.devstack.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Behind the load balancer the service lives under /mrv: every link, form and redirect of the pages follows. */
@QuarkusTest
@WithTestResource(PipelineTestResource.class)
@TestProfile(DashboardRootPathTest.UnderMrv.class)
class DashboardRootPathTest {

    public static class UnderMrv implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.root-path", "/mrv", "mrv.dashboard.ingest-url", "/ingest",
                    "mrv.dashboard.qaqc-url", "/qaqc");
        }
    }

    @Test
    void everyLinkFormAndRedirectStaysUnderTheRootPath() {
        TestTokens.anonymous(() -> given().basePath("").redirects().follow(false).get("/mrv/dashboard").then()
                .statusCode(303).header("Location", endsWith("/mrv/dashboard/sign-in?next=%2Fdashboard")));
        String html = given().basePath("").header("Authorization", "Bearer " + TestTokens.withRoles("r", "reviewer"))
                .get("/mrv/dashboard").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?:href|src|action|hx-get|hx-post)=\"([^\"]*)\"").matcher(html);
        int links = 0;
        while (m.find()) {
            String url = m.group(1);
            assertTrue(url.startsWith("/mrv/") || url.startsWith("/ingest/"), url);
            links++;
        }
        assertTrue(links > 10, "links found: " + links);
        assertTrue(html.contains("data-root=\"/mrv\""));
        for (String asset : new String[] {"/mrv/_static/htmx.org/2.0.2/dist/htmx.min.js",
            "/mrv/_static/echarts/6.0.0/dist/echarts.min.js", "/mrv/dashboard-assets/dashboard.css"}) {
            given().basePath("").get(asset).then().statusCode(200);
        }
        given().basePath("").redirects().follow(false).formParam("token", TestTokens.withRoles("v", "viewer"))
                .post("/mrv/dashboard/sign-in").then().statusCode(303).header("Location", endsWith("/mrv/dashboard"));
    }
}
