package dev.meshlens.app.serving;

import static dev.meshlens.app.serving.SampleMesh.DETAILS;
import static dev.meshlens.app.serving.SampleMesh.REVIEWS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshlens.app.pipeline.MeshLensApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium, on a running instance with known traffic: what a person sees in
 * the services table, the alerts and the charts is what the traffic must give. Leaves a screenshot in
 * {@code target/dashboard.png}.
 */
class DashboardIT {
    private static final long WINDOW = 10_000;

    @RegisterExtension
    static final KafkaBroker KAFKA = new KafkaBroker();

    @TempDir
    Path dir;

    private MeshLensApp app;
    private ChromeDriver browser;

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void showsServicesAlertsAndChartsOfTheTraffic() throws Exception {
        MeshLedger mesh = TestApps.sendSampleTraffic(KAFKA, 2, WINDOW, 0);
        app = TestApps.start(TestApps.settings(KAFKA, "meshlens-dashboard-it", dir.resolve("state"),
                Duration.ofMillis(WINDOW)));
        Http http = new Http(app.httpPort());
        TestApps.awaitCounted(http, mesh.requests().size());
        Await.until(Duration.ofSeconds(30), "3 alerts to fire", () -> http.get("/api/v1/alerts"),
                alerts -> alerts.status() == 200 && alerts.json().size() == 3);

        browser = Browser.start(dir, 1400, 1500);
        Instant opened = Instant.now();
        browser.get(http.base() + "/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(d -> "true".equals(js("return document.body.dataset.loaded || ''")));
        String status = browser.findElement(By.id("status")).getText();
        Instant statusRead = Instant.now();
        // What a person sees, kept before anything is checked so that a failure has its picture too.
        Path screenshot = Path.of(System.getProperty("basedir", "."), "target", "dashboard.png");
        Files.createDirectories(screenshot.getParent());
        Files.move(browser.getScreenshotAs(OutputType.FILE).toPath(), screenshot, StandardCopyOption.REPLACE_EXISTING);


        assertShowsUtcTimesSaying(status, opened, statusRead);
        JsonNode services = mesh.services(System.currentTimeMillis() - 15 * 60_000, System.currentTimeMillis());
        List<WebElement> rows = browser.findElements(By.cssSelector("#services tbody tr[data-service]"));
        assertEquals(services.size(), rows.size(), () -> browser.findElement(By.id("services")).getText());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode expected = services.get(i);
            JsonNode top = expected.get("top_cause");
            List<String> cells = rows.get(i).findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
            String where = "row " + i + ": " + cells;
            assertEquals(expected.get("service").asText(), cells.get(0), where);
            assertEquals(expected.get("requests").asText(), cells.get(1), where);
            assertEquals(expected.get("errors").asText(), cells.get(2), where);
            assertEquals(String.format("%.1f%%", 100 * expected.get("error_ratio").asDouble()), cells.get(3), where);
            assertEquals(top.get("status_codes").get(0).asText() + " " + top.get("flags").get(0).asText() + ", "
                    + top.get("title").asText(), cells.get(4), where);
            assertEquals(hhmm(top.get("first_seen").asText()), cells.get(5), where);
            assertEquals(top.get("hint").asText(), cells.get(6), where);
        }

        List<WebElement> alerts = browser.findElements(By.cssSelector("#alerts .alert"));
        JsonNode firing = http.get("/api/v1/alerts?state=firing").ok();
        assertEquals(3, alerts.size(), () -> browser.findElement(By.id("alerts")).getText());
        assertEquals("(3)", browser.findElement(By.id("alert-count")).getText());
        for (int i = 0; i < alerts.size(); i++) {
            JsonNode alert = firing.get(i);
            assertEquals(alert.get("id").asText(), alerts.get(i).getAttribute("data-alert"));
            assertEquals(alert.get("service").asText() + " (" + alert.get("direction").asText() + "): "
                    + alert.get("title").asText() + ", since " + hhmm(alert.get("firing_since").asText()) + " UTC",
                    alerts.get(i).findElement(By.className("headline")).getText());
        }

        // The service with most errors is shown in detail: its headline, causes per window and latency.
        JsonNode reviewsTop = services.get(0).get("top_cause");
        assertEquals(REVIEWS + ": 503 UH, No healthy upstream, since " + hhmm(reviewsTop.get("first_seen").asText()) + " UTC",
                browser.findElement(By.id("detail-title")).getText());
        assertCausesChart(mesh, REVIEWS);
        Map<String, Object> latency = chart("latency-chart");
        assertEquals(List.of("p50", "p90", "p99", "max"), labels(latency));
        assertEquals("window start (UTC)", latency.get("xTitle"));
        assertTrue(drawn("causes-chart", "#c62828") > 500, "the causes chart shows its red bars");

        // Choosing another service shows its causes and the upstream hosts of its top cause.
        browser.findElement(By.cssSelector("#services tr[data-service='" + DETAILS + "']")).click();
        wait.until(d -> browser.findElement(By.id("detail-title")).getText().startsWith(DETAILS + ":")
                && browser.findElements(By.cssSelector("#upstreams tbody tr")).size() == 2);
        assertCausesChart(mesh, DETAILS);
        assertEquals("mTLS / TLS mismatch", browser.findElement(By.id("upstream-cause")).getText());
        List<String> hosts = new ArrayList<>();
        browser.findElements(By.cssSelector("#upstreams tbody tr")).forEach(r -> hosts.add(r.getText()));
        assertEquals(List.of("10.40.3.2:9080 4", "10.40.3.3:9080 3"), hosts);
    }

    /**
     * When the API asks for a token, the dashboard asks the person for it, keeps it for the tab's session and
     * sends it; a refused token is asked for again. Its own topics, so that the other test's traffic is not here.
     */
    @Test
    void asksForTheTokenWhenTheApiDoesAndKeepsItForTheSession() throws Exception {
        String token = "dashboard-token-3f9d1c";
        KAFKA.createTopics(Map.of("token-logs", 1, "token-dlq", 1, "token-alerts", 1));
        java.util.Properties settings = TestApps.settings(KAFKA, "meshlens-dashboard-token-it", dir.resolve("state"),
                Duration.ofMillis(WINDOW));
        settings.setProperty("meshlens.input.topic", "token-logs");
        settings.setProperty("meshlens.dlq.topic", "token-dlq");
        settings.setProperty("meshlens.alerts.topic", "token-alerts");
        settings.setProperty("meshlens.http.token", token);
        app = TestApps.start(settings);
        Http http = new Http(app.httpPort(), token);
        Await.until(Duration.ofSeconds(120), "/ready to answer 200", () -> http.get("/ready"), r -> r.status() == 200);

        browser = Browser.start(dir, 1200, 900);
        browser.get(http.base() + "/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        WebElement login = browser.findElement(By.id("login"));
        wait.until(d -> login.isDisplayed());
        assertEquals("waiting: the API asks for a token", browser.findElement(By.id("status")).getText());

        browser.findElement(By.id("token")).sendKeys("not-" + token);
        login.submit();
        wait.until(d -> login.isDisplayed()
                && "waiting: the token was refused".equals(browser.findElement(By.id("status")).getText()));
        assertEquals(null, js("return sessionStorage.getItem('meshlens.token')"), "a refused token is not kept");

        browser.findElement(By.id("token")).sendKeys(token);
        login.submit();
        wait.until(d -> "true".equals(js("return document.body.dataset.loaded || ''")));
        assertFalse(login.isDisplayed());
        assertEquals("No traffic in this range yet.", browser.findElement(By.cssSelector("#services tbody")).getText());
        assertEquals(token, js("return sessionStorage.getItem('meshlens.token')"));

        // A reload in the same tab keeps the session, and with it the token: nothing is asked again.
        browser.navigate().refresh();
        wait.until(d -> "true".equals(js("return document.body.dataset.loaded || ''")));
        assertFalse(browser.findElement(By.id("login")).isDisplayed());
    }

    /** Without Chromium the test fails, and says how to install it: it never passes without having looked. */
    @Test
    void withoutChromiumTheTestFailsSayingHowToInstallIt() {
        AssertionFailedError error = assertThrows(AssertionFailedError.class,
                () -> Browser.requireInstalled(dir.resolve("chromium"), Browser.CHROMEDRIVER));
        assertTrue(error.getMessage().contains("apt-get install -y chromium chromium-driver"), error::getMessage);
    }

    /** The causes chart of {@code service}: one bar per window, one dataset per cause, as the traffic gives. */
    private void assertCausesChart(MeshLedger mesh, String service) {
        Map<String, Object> chart = chart("causes-chart");
        long now = System.currentTimeMillis();
        List<MeshLedger.Window> windows = mesh.windows(service, now - 15 * 60_000, now);
        List<String> expectedLabels = windows.stream().map(w -> hhmmss(w.start())).toList();
        assertEquals(expectedLabels, chart.get("labels"), chart::toString);
        Map<String, List<Long>> expected = new LinkedHashMap<>();
        for (int i = 0; i < windows.size(); i++) {
            for (MeshLedger.Request r : mesh.in(windows.get(i))) {
                if (r.cause() != null) {
                    List<Long> counts = expected.computeIfAbsent(r.cause(), c -> new ArrayList<>(
                            java.util.Collections.nCopies(windows.size(), 0L)));
                    counts.set(i, counts.get(i) + 1);
                }
            }
        }
        Map<String, List<Long>> actual = new LinkedHashMap<>();
        for (Object dataset : (List<?>) chart.get("datasets")) {
            Map<?, ?> d = (Map<?, ?>) dataset;
            actual.put((String) d.get("label"), ((List<?>) d.get("data")).stream()
                    .map(v -> ((Number) v).longValue()).toList());
        }
        assertEquals(expected, actual, chart::toString);
        assertEquals("window start (UTC)", chart.get("xTitle"));
        // Drawn in its 260 px box, not grown past it.
        int height = ((Number) chart.get("height")).intValue();
        assertTrue(height > 200 && height <= 260, () -> "chart height " + height + ": " + chart);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> chart(String canvasId) {
        return (Map<String, Object>) js("const c = Chart.getChart(document.getElementById(arguments[0]));"
                + "return c && {labels: c.data.labels, width: c.width, height: c.height,"
                + " xTitle: c.options.scales.x.title.display ? c.options.scales.x.title.text : null,"
                + " datasets: c.data.datasets.map(d => ({label: d.label, data: d.data}))};", canvasId);
    }

    private static List<String> labels(Map<String, Object> chart) {
        return ((List<?>) chart.get("datasets")).stream().map(d -> (String) ((Map<?, ?>) d).get("label")).toList();
    }

    /** How many pixels of the canvas have the color {@code hex}: what Chart.js really drew. */
    private long drawn(String canvasId, String hex) {
        return ((Number) js("const c = document.getElementById(arguments[0]);"
                + "const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + "const want = [1, 3, 5].map(i => parseInt(arguments[1].substr(i, 2), 16)); let n = 0;"
                + "for (let i = 0; i < px.length; i += 4) {"
                + "  if (px[i] === want[0] && px[i + 1] === want[1] && px[i + 2] === want[2]) n++; }"
                + "return n;", canvasId, hex)).longValue();
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    /**
     * The browser runs in a zone far from UTC (see {@link Browser}), as a person's would: every time the page
     * shows is UTC and says so, the header's clock too, which is not the browser's local time.
     */
    private void assertShowsUtcTimesSaying(String status, Instant opened, Instant statusRead) {
        assertEquals(-Browser.UTC_OFFSET_MINUTES, ((Number) js("return new Date().getTimezoneOffset()")).intValue(),
                "the browser's local time is not UTC");
        assertEquals("Since (UTC)", browser.findElement(By.cssSelector("#services thead th:nth-child(6)")).getText());
        for (WebElement alert : browser.findElements(By.cssSelector("#alerts .alert"))) {
            assertTrue(alert.getText().matches("(?s).*, since \\d\\d:\\d\\d UTC\\s.*in the window from \\d\\d:\\d\\d UTC\\s.*"),
                    alert::getText);
        }
        Set<String> shownWhileLoading = new HashSet<>();
        for (long s = opened.getEpochSecond() - 1; s <= statusRead.getEpochSecond() + 1; s++) {
            shownWhileLoading.add("live · " + hhmmss(s * 1000) + " UTC");
        }
        assertTrue(shownWhileLoading.contains(status), () -> status + " is not one of " + shownWhileLoading);
    }

    private static String hhmm(String iso) {
        return iso.substring(11, 16);
    }

    private static String hhmmss(long millis) {
        return Instant.ofEpochMilli(millis).toString().substring(11, 19);
    }
}
