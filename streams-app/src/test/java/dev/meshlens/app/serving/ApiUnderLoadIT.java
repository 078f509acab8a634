package dev.meshlens.app.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.meshlens.app.demo.TrafficGenerator;
import dev.meshlens.app.pipeline.MeshLensApp;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * wrk (Debian's package) against the REST API over loopback for 10 s, 2 threads and 16 connections, while the
 * demo's traffic generator keeps records flowing through the pipeline: every answer must be 2xx, with no socket
 * error or timeout, and the pipeline must have kept counting meanwhile. The API asks for a token, so the check
 * of it is under load too. Prints wrk's figures (RELIABILITY.md quotes them).
 */
class ApiUnderLoadIT {
    private static final Path WRK = Path.of("/usr/bin/wrk");
    private static final String TOKEN = "load-test-token-7e0c5a";
    private static final List<String> PATHS = List.of("/api/v1/services", "/api/v1/alerts",
            "/api/v1/services/reviews.default/causes", "/api/v1/services/productpage.default/latency",
            "/api/v1/services/details.default/upstreams?limit=5", "/health");
    private static final Pattern FIGURES = Pattern.compile("meshlens-wrk ((?:\\w+=\\d+ ?)+)");
    private static final Pattern RECORDS_IN = Pattern.compile("(?m)^meshlens_records_in_total ([0-9.eE+]+)$");

    @RegisterExtension
    static final KafkaBroker KAFKA = new KafkaBroker();

    @TempDir
    Path dir;

    @Test
    void everyAnswerIs2xxWhileThePipelineRuns() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(WRK),
                "wrk is not installed: sudo apt-get install -y wrk (.ci/run installs it)");
        TestApps.createTopics(KAFKA, 2);
        Properties settings = TestApps.settings(KAFKA, "meshlens-load-it", dir.resolve("state"), Duration.ofSeconds(10));
        settings.setProperty("meshlens.http.token", TOKEN);
        try (MeshLensApp app = TestApps.start(settings);
                TrafficGenerator traffic = new TrafficGenerator(KAFKA.bootstrapServers(), TestApps.INPUT, 200,
                        Duration.ofSeconds(5)).start()) {
            Http http = new Http(app.httpPort(), TOKEN);
            Await.until(Duration.ofSeconds(120), "every path to answer 200 before the load starts",
                    () -> PATHS.stream().allMatch(p -> http.get(p).status() == 200), all -> all);
            double recordsBefore = recordsIn(http);

            Map<String, Long> figures = wrk(app.httpPort());

            System.out.println("wrk over loopback, 10 s, 2 threads, 16 connections, while the pipeline ran: " + figures);
            assertTrue(figures.get("requests") > 0, figures::toString);
            for (String error : List.of("non2xx", "connect", "read", "write", "timeout")) {
                assertEquals(0, figures.get(error), () -> error + ": " + figures);
            }
            double recordsAfter = recordsIn(http);
            assertTrue(recordsAfter > recordsBefore, "the pipeline kept reading: " + recordsBefore + " -> " + recordsAfter);
        }
    }

    private Map<String, Long> wrk(int port) throws IOException, InterruptedException {
        Path script = dir.resolve("api-mix.lua");
        try (InputStream in = ApiUnderLoadIT.class.getResourceAsStream("/wrk/api-mix.lua")) {
            Files.copy(in, script);
        }
        List<String> command = new ArrayList<>(List.of(WRK.toString(), "--threads", "2", "--connections", "16",
                "--duration", "10s", "--timeout", "5s", "--script", script.toString(), "http://127.0.0.1:" + port,
                "--", TOKEN));
        command.addAll(PATHS);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        // A guard against a hung wrk only: it stops by itself after its 10 s.
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("wrk still running after a minute:\n" + output);
        }
        System.out.println(output);
        assertEquals(0, process.exitValue(), output);
        Matcher m = FIGURES.matcher(output);
        if (!m.find()) {
            fail("no figures from the wrk script in:\n" + output);
        }
        Map<String, Long> figures = new LinkedHashMap<>();
        for (String pair : m.group(1).trim().split(" ")) {
            String[] kv = pair.split("=");
            figures.put(kv[0], Long.parseLong(kv[1]));
        }
        return figures;
    }

    private static double recordsIn(Http http) {
        Matcher m = RECORDS_IN.matcher(http.get("/metrics").body());
        assertTrue(m.find(), "no meshlens_records_in_total in /metrics");
        return Double.parseDouble(m.group(1));
    }
}
