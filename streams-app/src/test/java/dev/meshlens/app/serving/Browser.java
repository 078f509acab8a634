package dev.meshlens.app.serving;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium, driven through Debian's chromedriver: nothing is downloaded (Selenium Manager is
 * never consulted, as both paths are given). Absent, it fails the test with the command that installs it.
 */
public final class Browser {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** The browser's zone: far from UTC, so that a time shown in local time differs from its UTC. */
    public static final String TIME_ZONE = "Asia/Kathmandu";
    /** {@link #TIME_ZONE}'s offset, all year round (no summer time there). */
    public static final int UTC_OFFSET_MINUTES = 5 * 60 + 45;

    private Browser() {
    }

    /** Fails, saying how to install them, unless both programs are there. */
    static void requireInstalled(Path chromium, Path chromedriver) {
        if (!Files.isExecutable(chromium) || !Files.isExecutable(chromedriver)) {
            fail("the dashboard test needs Chromium and its driver at " + chromium + " and " + chromedriver
                    + "; install them with: sudo apt-get update && sudo apt-get install -y chromium chromium-driver");
        }
    }

    /** A fresh headless browser in {@link #TIME_ZONE}, with its own profile directory under {@code profileParent}. */
    public static ChromeDriver start(Path profileParent, int width, int height) throws IOException {
        requireInstalled(CHROMIUM, CHROMEDRIVER);
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=" + width + "," + height,
                "--user-data-dir=" + Files.createTempDirectory(profileParent, "chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withEnvironment(Map.of("TZ", TIME_ZONE)).build();
        return new ChromeDriver(service, options);
    }
}
