package org.carbonmrv.mrv.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium (Debian's chromium + chromium-driver) through Selenium. Without Chromium the browser tests are
 * skipped on a developer's machine and fail in CI (CI=true), where .ci/run installs it.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Path DOWNLOADS = Path.of("target", "browser-downloads").toAbsolutePath();

    final ChromeDriver driver;
    final String base;

    private Browser(ChromeDriver driver, String base) {
        this.driver = driver;
        this.base = base;
    }

    static Browser start(String base) {
        String chromium = firstExisting("/usr/bin/chromium", "/usr/bin/chromium-browser");
        String chromedriver = firstExisting("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
        if (chromium == null || chromedriver == null) {
            if (System.getenv("CI") != null) {
                throw new IllegalStateException("CI needs Debian's chromium and chromium-driver (.ci/run installs them)");
            }
            Assumptions.abort("chromium / chromedriver not installed: browser tests skipped");
        }
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.createDirectories(DOWNLOADS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-dev-shm-usage", "--window-size=1400,1000");
        // the page's console, read after each step: any error fails the test
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        options.setExperimentalOption("prefs", Map.of("download.default_directory", DOWNLOADS.toString(),
                "download.prompt_for_download", false, "safebrowsing.enabled", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(chromedriver)
                .toFile()).withLogOutput(System.err).usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options), base.endsWith("/") ? base : base + "/");
    }

    private static String firstExisting(String... paths) {
        return Arrays.stream(paths).filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElse(null);
    }

    void open(String path) {
        driver.get(base + (path.startsWith("/") ? path.substring(1) : path));
    }

    /** A new session with a token of these roles, through the sign-in page. */
    void signIn(String token) {
        open("/dashboard/sign-in");
        driver.manage().deleteAllCookies();
        open("/dashboard");
        waitFor(() -> driver.getCurrentUrl().contains("/dashboard/sign-in"), "redirected to sign-in");
        driver.findElement(By.id("token")).sendKeys(token);
        driver.findElement(By.id("sign-in")).click();
        waitUntilVisible(By.id("filters"));
    }

    WebElement waitUntilVisible(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void waitFor(Supplier<Boolean> condition, String what) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).withMessage(what)
                .ignoring(StaleElementReferenceException.class).until(d -> condition.get());
    }

    void acceptConfirm() {
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.alertIsPresent()).accept();
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** The data of one series of a drawn chart, as ECharts holds it (bar items reduced to their value). */
    @SuppressWarnings("unchecked")
    List<Object> series(String chartId, int index) {
        return (List<Object>) script("var c = echarts.getInstanceByDom(document.getElementById(arguments[0]));"
                + "if (!c) { return null; }"
                + "return c.getOption().series[arguments[1]].data.map(function (x) {"
                + "  return x !== null && typeof x === 'object' && !Array.isArray(x) ? x.value : x; });", chartId, index);
    }

    @SuppressWarnings("unchecked")
    List<Object> categories(String chartId) {
        return (List<Object>) script("var c = echarts.getInstanceByDom(document.getElementById(arguments[0]));"
                + "return c ? c.getOption().xAxis[0].data : null;", chartId);
    }

    void screenshot(String name) {
        try {
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for a finished download whose name ends with {@code suffix}, returns it. */
    Path awaitDownload(String suffix) {
        Path[] found = new Path[1];
        waitFor(() -> {
            try (var files = Files.list(DOWNLOADS)) {
                // Chromium writes "<name>.crdownload" (or a dot file) until the download is complete
                found[0] = files.filter(f -> {
                    String n = f.getFileName().toString();
                    return n.endsWith(suffix) && !n.endsWith(".crdownload") && !n.startsWith(".");
                }).findFirst().orElse(null);
                return found[0] != null;
            } catch (IOException e) {
                return false;
            }
        }, "a downloaded *" + suffix);
        return found[0];
    }

    static void clearDownloads() {
        try (var files = Files.list(DOWNLOADS)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Console errors (and failed loads) since the last call. */
    List<String> consoleErrors() {
        return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(e -> e.getMessage()).toList();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
