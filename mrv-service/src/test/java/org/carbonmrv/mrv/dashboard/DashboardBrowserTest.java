package org.carbonmrv.mrv.dashboard;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.carbonmrv.devstack.SampleCorpus;
import org.carbonmrv.devstack.TestTokens;
import org.carbonmrv.mrv.Pipeline;
import org.carbonmrv.mrv.queue.RecomputeWorker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import org.carbonmrv.devstack.PipelineTestResource;

/**
 * The dashboard in a real headless Chromium on the sample corpus (uploaded to the real ingest-service, graded by
 * the real qaqc-service). Every state is saved as a screenshot under target/screenshots. The chart data is read
 * from the drawn ECharts instances and compared with the JSON API.
 */
@QuarkusTest
@WithTestResource(PipelineTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {

    private static Browser browser;

    @TestHTTPResource("/")
    URL base;

    @Inject
    RecomputeWorker worker;

    @BeforeEach
    void setUp() {
        Pipeline.loadCorpus(worker);
        if (browser == null) {
            browser = Browser.start(base.toString());
        }
    }

    /** A page that logs an error (a script refused by the CSP, a missing asset) fails the step that caused it. */
    @org.junit.jupiter.api.AfterEach
    void noConsoleErrors() {
        if (browser != null) {
            List<String> errors = browser.consoleErrors();
            assertTrue(errors.isEmpty(), errors.size() + " console error(s): " + errors.stream().limit(5).toList());
        }
    }

    @AfterAll
    static void tearDown() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    /** @param query already URL-encoded */
    private static List<Map<String, Object>> apiDays(String query) {
        return given().urlEncodingEnabled(false).get("/api/v1/removals?size=5000&" + query).then().statusCode(200)
                .extract().jsonPath(SampleCorpus.DOUBLES).getList("items");
    }

    /** The drawn chart's days and CO2 bars equal the API's list for the same filter. */
    private static void assertChartMatchesApi(String query) {
        List<Map<String, Object>> days = apiDays(query);
        assertFalse(days.isEmpty(), "the API lists days for " + query);
        List<Object> expectedDays = new ArrayList<>();
        List<Object> expectedCo2 = new ArrayList<>();
        days.forEach(d -> {
            expectedDays.add(d.get("day"));
            expectedCo2.add(d.get("co2_t"));
        });
        browser.waitFor(() -> expectedDays.equals(browser.categories("chart-co2")), "chart days = API days for "
                + query);
        List<Object> co2 = browser.series("chart-co2", 0);
        assertEquals(expectedCo2.size(), co2.size());
        for (int i = 0; i < co2.size(); i++) {
            if (expectedCo2.get(i) == null) {
                assertNull(co2.get(i), "no figure on " + expectedDays.get(i));
            } else {
                assertEquals((Double) expectedCo2.get(i), ((Number) co2.get(i)).doubleValue(), 1e-12,
                        "CO2 on " + expectedDays.get(i));
            }
        }
    }

    private static String inputValue(String id) {
        return browser.driver.findElement(By.id(id)).getAttribute("value");
    }

    @Test
    @Order(1)
    void aViewerSeesTheCorpusAndNoApproveButton() {
        browser.signIn(TestTokens.withRoles("viewer-1", "viewer"));
        // the default: the first plant (other test classes may have added plants with odd names: "=1+2")
        String first = Pipeline.json("/api/v1/plants").getString("[0].plant");
        assertEquals(first, new Select(browser.driver.findElement(By.id("f-plant"))).getFirstSelectedOption()
                .getAttribute("value"));
        assertChartMatchesApi("plant=" + java.net.URLEncoder.encode(first, java.nio.charset.StandardCharsets.UTF_8)
                + "&from=" + inputValue("f-from") + "&to=" + inputValue("f-to"));

        // a plant's default range: its last three months of figures
        browser.open("/dashboard?plant=PLANT_A");
        JsonPath plants = Pipeline.json("/api/v1/plants");
        String last = plants.getString("find { it.plant == 'PLANT_A' }.last_day");
        assertEquals(last, inputValue("f-to"));
        assertEquals(java.time.LocalDate.parse(last).minusMonths(3).plusDays(1).toString(), inputValue("f-from"));
        String query = "plant=PLANT_A&from=" + inputValue("f-from") + "&to=" + last;
        assertChartMatchesApi(query);
        JsonPath summary = Pipeline.json("/api/v1/removals/summary?" + query);
        assertEquals(String.format(java.util.Locale.ROOT, "%,.3f t CO₂", summary.getDouble("[0].valid_co2_t")),
                browser.driver.findElement(By.id("total-valid")).getText());
        assertTrue(browser.driver.findElements(By.id("approve")).isEmpty(), "a viewer has no approve button");
        assertTrue(browser.driver.findElements(By.cssSelector("form.override")).isEmpty());
        for (String chart : List.of("chart-cumulative", "chart-ca", "chart-flow", "chart-ph")) {
            assertNotNull(browser.categories(chart), chart + " drawn");
        }
        assertFalse(browser.categories("chart-ph").isEmpty(), "pH statistics of the sample sensors");
        // the last cumulative point is the period's VALID total
        List<Object> cumulative = browser.series("chart-cumulative", 0);
        assertEquals(summary.getDouble("[0].valid_co2_t"), ((Number) cumulative.get(cumulative.size() - 1))
                .doubleValue(), 1e-9);
        browser.screenshot("01-viewer-default-view");
    }

    @Test
    @Order(2)
    void everyFormFieldIsLabelledAndNothingIsLoadedFromElsewhere() {
        Object unlabelled = browser.script("return Array.from(document.querySelectorAll('input:not([type=hidden]),"
                + "select,textarea')).filter(function (e) { return !(e.labels && e.labels.length) && "
                + "!e.getAttribute('aria-label'); }).map(function (e) { return e.outerHTML; });");
        assertEquals(List.of(), unlabelled);
        Object foreign = browser.script("return performance.getEntriesByType('resource').map(function (e) "
                + "{ return e.name; }).filter(function (n) { return n.indexOf(location.origin) !== 0; });");
        assertEquals(List.of(), foreign, "every asset is served by the mrv-service");
        for (Dimension size : List.of(new Dimension(1366, 768), new Dimension(420, 900))) {
            browser.driver.manage().window().setSize(size);
            browser.waitFor(() -> (Boolean) browser.script("return document.documentElement.scrollWidth <= "
                    + "window.innerWidth + 1;"), "no horizontal scrolling at " + size + "; wider: " + browser.script(
                            "return Array.from(document.querySelectorAll('body *')).filter(function (e) { return "
                            + "e.getBoundingClientRect().right > window.innerWidth + 1; }).slice(0, 8).map(function (e) {"
                            + " return e.tagName + '#' + e.id + '.' + e.className + ' ' + e.getBoundingClientRect().right;"
                            + " });"));
            browser.screenshot("02-window-" + size.width + "x" + size.height);
        }
        browser.driver.manage().window().setSize(new Dimension(1400, 1000));
    }

    @Test
    @Order(3)
    void changingFiltersChangesTheChartsDataAndTheUrl() {
        new Select(browser.driver.findElement(By.id("f-plant"))).selectByValue("PLANT_B");
        browser.waitFor(() -> browser.driver.getCurrentUrl().contains("plant=PLANT_B"), "the URL keeps the plant");
        assertChartMatchesApi("plant=PLANT_B&from=" + inputValue("f-from") + "&to=" + inputValue("f-to"));
        browser.driver.findElement(By.cssSelector("#filters input[name=flag][value=VALID]")).click();
        browser.waitFor(() -> browser.driver.getCurrentUrl().contains("flag=VALID"), "the URL keeps the flag");
        String query = "plant=PLANT_B&from=" + inputValue("f-from") + "&to=" + inputValue("f-to") + "&flag=VALID";
        assertChartMatchesApi(query);
        assertEquals(String.valueOf(apiDays(query).size()), browser.driver.findElement(
                By.cssSelector("#flag-counts li[data-flag=VALID] b")).getText());
        browser.screenshot("03-plant-b-valid-only");
        // the URL is shareable: opening it again gives the same view
        String url = browser.driver.getCurrentUrl();
        browser.driver.get(url);
        assertChartMatchesApi(query);
        browser.driver.findElement(By.cssSelector("#filters input[name=flag][value=VALID]")).click();
        browser.waitFor(() -> !browser.driver.getCurrentUrl().contains("flag=VALID"), "flag filter removed");
        // an emptied date field falls back to the plant's default range
        browser.script("var f = document.getElementById('f-from'); f.value = ''; "
                + "f.dispatchEvent(new Event('change', {bubbles: true}));");
        String last = Pipeline.json("/api/v1/plants").getString("find { it.plant == 'PLANT_B' }.last_day");
        String from = java.time.LocalDate.parse(inputValue("f-to")).minusMonths(3).plusDays(1).toString();
        browser.waitFor(() -> from.equals(inputValue("f-from")), "the default start for the chosen end");
        assertChartMatchesApi("plant=PLANT_B&from=" + from + "&to=" + inputValue("f-to"));
        assertTrue(java.time.LocalDate.parse(inputValue("f-to")).compareTo(java.time.LocalDate.parse(last)) <= 0);
    }

    @Test
    @Order(4)
    void clickingABarShowsTheDaysLineageWithLinksToTheOriginalFiles() throws IOException {
        browser.open("/dashboard?plant=PLANT_A&from=2024-08-01&to=2024-08-31");
        assertChartMatchesApi("plant=PLANT_A&from=2024-08-01&to=2024-08-31");
        // a VALID day: click its bar where ECharts drew it
        List<Map<String, Object>> days = apiDays("plant=PLANT_A&from=2024-08-01&to=2024-08-31");
        int index = 0;
        while (!"VALID".equals(days.get(index).get("flag"))) {
            index++;
        }
        String day = (String) days.get(index).get("day");
        @SuppressWarnings("unchecked")
        List<Number> px = (List<Number>) browser.script("var c = echarts.getInstanceByDom(document.getElementById("
                + "'chart-co2')); return c.convertToPixel({seriesIndex: 0}, [arguments[0], arguments[1] / 2]);",
                index, days.get(index).get("co2_t"));
        WebElement chart = browser.driver.findElement(By.id("chart-co2"));
        new Actions(browser.driver).moveToElement(chart, (int) (px.get(0).doubleValue() - chart.getSize().width / 2.0),
                (int) (px.get(1).doubleValue() - chart.getSize().height / 2.0)).click().perform();
        WebElement detail = browser.waitUntilVisible(By.id("day-detail"));
        assertEquals(day, detail.getAttribute("data-day"));

        JsonPath api = Pipeline.json("/api/v1/removals/PLANT_A/" + day);
        List<Map<String, Object>> inputs = api.getList("inputs");
        List<WebElement> rows = browser.driver.findElements(By.cssSelector("#inputs tbody tr"));
        assertEquals(inputs.size(), rows.size(), "one row per input the figure considered");
        for (int i = 0; i < inputs.size(); i++) {
            assertEquals(String.valueOf(inputs.get(i).get("record_id")), rows.get(i).getAttribute("data-record-id"));
            String flagName = (String) inputs.get(i).get("qaqc_flag_name");
            assertTrue(rows.get(i).getText().contains(flagName == null ? "ungraded" : flagName));
        }
        browser.screenshot("04-day-detail");

        // the link of the ops input downloads the original file from the ingest-service, byte for byte
        Browser.clearDownloads();
        WebElement link = browser.driver.findElement(By.cssSelector("#inputs tr[data-record-type=ops] a.source"));
        String fileName = link.getText();
        assertTrue(link.getAttribute("href").startsWith(SampleCorpus.ingestUrl()));
        link.click();
        Path downloaded = browser.awaitDownload("");
        Path original;
        try (var found = Files.walk(SampleCorpus.samples())) {
            original = found.filter(f -> f.getFileName().toString().equals(fileName)).findFirst().orElseThrow();
        }
        assertArrayEquals(Files.readAllBytes(original), Files.readAllBytes(downloaded));

        // a row of the table opens a day too
        browser.driver.findElement(By.cssSelector("#days tbody tr[data-day='" + days.get(0).get("day") + "']"))
                .click();
        browser.waitFor(() -> days.get(0).get("day").equals(browser.driver.findElement(By.id("day-detail"))
                .getAttribute("data-day")), "the clicked row's day");
        // and so does Enter on a focused row (keyboard users)
        browser.driver.findElement(By.cssSelector("#days tbody tr[data-day='" + days.get(1).get("day") + "']"))
                .sendKeys(org.openqa.selenium.Keys.ENTER);
        browser.waitFor(() -> days.get(1).get("day").equals(browser.driver.findElement(By.id("day-detail"))
                .getAttribute("data-day")), "the row's day opened with Enter");
    }

    @Test
    @Order(5)
    void exportDownloadsTheCurrentFilterAsAFileThatParses() throws IOException {
        String query = "plant=PLANT_B&from=2024-07-01&to=2024-08-31";
        browser.open("/dashboard?" + query);
        Browser.clearDownloads();
        browser.driver.findElement(By.id("export-csv")).click();
        Path csv = browser.awaitDownload(".csv");
        List<Map<String, Object>> days = apiDays(query);
        List<NamedCsvRecord> records = new ArrayList<>();
        browser.waitFor(() -> {
            records.clear();
            try (CsvReader<NamedCsvRecord> r = CsvReader.builder().ofNamedCsvRecord(csv)) {
                r.forEach(records::add);
            } catch (IOException | RuntimeException e) {
                return false;
            }
            return records.size() == days.size();
        }, "the CSV lists the filtered days");
        for (int i = 0; i < days.size(); i++) {
            assertEquals(days.get(i).get("day"), records.get(i).getField("date"));
            Object co2 = days.get(i).get("co2_t");
            if (co2 != null) {
                assertEquals((Double) co2, Double.parseDouble(records.get(i).getField("co2_t")), 0.0);
            }
        }
        browser.screenshot("05-export");
    }

    @Test
    @Order(6)
    void aReviewerApprovesAPeriodAndThePageShowsItLocked() throws IOException {
        String plant = "PLANT_DASH_APPROVE";
        Pipeline.plantFromCorpus(worker, plant, LocalDate.parse("2024-07-01"), LocalDate.parse("2024-07-31"));
        browser.signIn(TestTokens.withRoles("reviewer-7", "reviewer"));
        String query = "plant=" + plant + "&from=2024-07-01&to=2024-07-31";
        browser.open("/dashboard?" + query);
        int days = apiDays(query).size();
        assertEquals(31, days, "PLANT_A's July export lists every day of July");
        browser.driver.findElement(By.id("approval-comment")).sendKeys("flows checked against the MPOR export");
        browser.driver.findElement(By.id("approve")).click();
        browser.acceptConfirm();
        WebElement flash = browser.waitUntilVisible(By.id("flash"));
        assertTrue(flash.getText().startsWith("Approved " + plant + " from 2024-07-01 to 2024-07-31"),
                flash.getText());
        List<WebElement> states = browser.driver.findElements(By.cssSelector("#days td.approval-state"));
        assertEquals(days, states.size());
        states.forEach(s -> assertEquals("🔒 approved", s.getText()));
        assertEquals(String.valueOf(days), browser.driver.findElement(By.cssSelector(
                "#approval-counts li[data-state=APPROVED] b")).getText());
        assertEquals(days, Pipeline.json("/api/v1/removals?" + query + "&approval=APPROVED").getInt("total"));
        assertEquals("reviewer-7", Pipeline.json("/api/v1/approvals?plant=" + plant).getString("[0].decided_by"));
        browser.screenshot("06-reviewer-approved-locked");
    }

    @Test
    @Order(7)
    void aReviewerOverridesAnInputsFlagAndTheFigureFollows() throws IOException {
        String plant = "PLANT_DASH_OVERRIDE";
        Pipeline.plantFromCorpus(worker, plant, LocalDate.parse("2024-07-01"), LocalDate.parse("2024-07-31"));
        String query = "plant=" + plant + "&from=2024-07-01&to=2024-07-31&flag=VALID";
        // the day with the most upstream readings: failing one leaves a figure
        Map<String, Object> target = apiDays(query).stream().max(java.util.Comparator.comparingInt(
                d -> ((Number) d.get("n_upstream")).intValue())).orElseThrow();
        String day = (String) target.get("day");
        JsonPath before = Pipeline.json("/api/v1/removals/" + plant + "/" + day);
        Map<String, Object> input = before.<Map<String, Object>>getList("inputs").stream()
                .filter(i -> "ca_upstream".equals(i.get("role")) && Boolean.TRUE.equals(i.get("used"))).findFirst()
                .orElseThrow();
        String recordId = String.valueOf(input.get("record_id"));

        browser.open("/dashboard?" + query);
        browser.driver.findElement(By.cssSelector("#days tbody tr[data-day='" + day + "']")).click();
        browser.waitUntilVisible(By.id("day-detail"));
        WebElement form = browser.driver.findElement(By.cssSelector("form.override[data-record-id='" + recordId + "']"));
        new Select(form.findElement(By.name("flag"))).selectByVisibleText("FAIL");
        form.findElement(By.name("reason")).sendKeys("replicate contaminated (lab note 17)");
        form.findElement(By.cssSelector("button")).click();
        browser.acceptConfirm();
        browser.waitFor(() -> browser.driver.findElement(By.id("override-status")).getText().contains("recorded"),
                "qaqc-service accepted the override");
        // mrv's worker is off in tests: process the grade event qaqc emitted, as a replica would
        browser.waitFor(() -> {
            Pipeline.settle(worker);
            return browser.driver.findElement(By.id("override-status")).getText().contains("is reflected");
        }, "the recomputed figure shows the override");
        WebElement row = browser.driver.findElement(By.cssSelector("#inputs tr[data-record-id='" + recordId + "']"));
        assertTrue(row.getText().contains("FAIL"), row.getText());
        JsonPath after = Pipeline.json("/api/v1/removals/" + plant + "/" + day);
        assertEquals(before.getInt("version") + 1, after.getInt("version"));
        assertEquals(before.getInt("n_upstream") - 1, after.getInt("n_upstream"));
        assertEquals(before.getInt("version"), after.getList("versions").size() - 1);
        browser.screenshot("07-reviewer-override");

        // revoking the override puts the figure back as it was
        long overrideId = ((Number) after.<Map<String, Object>>getList("inputs").stream()
                .filter(i -> recordId.equals(String.valueOf(i.get("record_id")))).findFirst().orElseThrow()
                .get("qaqc_override_id")).longValue();
        given().baseUri(Pipeline.qaqcUrl()).port(-1).delete("/api/v1/overrides/" + overrideId
                + "?reason=browser test done").then().statusCode(200);
        browser.waitFor(() -> {
            Pipeline.settle(worker);
            return Pipeline.json("/api/v1/removals/" + plant + "/" + day).getDouble("co2_t") == before.getDouble("co2_t");
        }, "the figure is back after the revocation");
    }

    @Test
    @Order(8)
    void aReviewerIssuesAStatementAndDownloadsItsEvidence() throws Exception {
        String plant = "PLANT_DASH_STATEMENT";
        Pipeline.plantFromCorpus(worker, plant, LocalDate.parse("2024-07-01"), LocalDate.parse("2024-07-31"));
        String reviewer = TestTokens.withRoles("reviewer-8", "reviewer");
        given().header("Authorization", "Bearer " + reviewer).contentType("application/json").body(Map.of("plant",
                plant, "from", "2024-07-01", "to", "2024-07-31", "decision", "APPROVED", "comment", "July checked"))
                .post("/api/v1/approvals").then().statusCode(201);
        browser.signIn(reviewer);
        browser.open("/dashboard/statements?plant=" + plant + "&from=2024-07-01&to=2024-07-31");
        assertNotNull(browser.waitUntilVisible(By.id("no-statements")));
        browser.driver.findElement(By.id("i-comment")).sendKeys("July for the verifier");
        browser.driver.findElement(By.id("issue")).click();
        browser.acceptConfirm();
        WebElement flash = browser.waitUntilVisible(By.id("flash"));
        Map<String, Object> api = Pipeline.json("/api/v1/statements?plant=" + plant).getMap("[0]");
        long id = ((Number) api.get("id")).longValue();
        assertEquals(String.format(java.util.Locale.ROOT, "Issued statement #%d, version 1: credited %,.3f t CO₂.",
                id, (Double) api.get("conservative_co2_t")), flash.getText());
        WebElement row = browser.driver.findElement(By.cssSelector("#statement-list tr[data-statement='" + id + "']"));
        assertTrue(row.getText().contains("2024-07-01 – 2024-07-31"), row.getText());
        browser.screenshot("08-statement-issued");

        Browser.clearDownloads();
        row.findElement(By.linkText("evidence")).click();
        Path zip = browser.awaitDownload(".zip");
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(zip)));
        assertEquals(api.get("evidence_sha256"), sha, "the downloaded package is the one the statement names");
        row.findElement(By.linkText("PDF")).click();
        byte[] pdf = Files.readAllBytes(browser.awaitDownload(".pdf"));
        assertEquals("%PDF-", new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII));

        // issuing the same period again changes nothing: the page says which statement stands
        browser.driver.findElement(By.id("issue")).click();
        browser.acceptConfirm();
        browser.waitFor(() -> browser.driver.findElement(By.id("flash")).getText().startsWith(
                "Nothing changed since statement #" + id), "the repeat names the standing statement");
        assertEquals(1, Pipeline.json("/api/v1/statements?plant=" + plant).getList("").size());
        browser.driver.findElement(By.id("compare-button")).click();
        WebElement comparison = browser.waitUntilVisible(By.id("comparison"));
        assertTrue(comparison.getText().contains("Every day has the same figure in both."), comparison.getText());
        browser.screenshot("08-statement-compare");
    }
}
