package dev.meshlens.app.alerts;

import static dev.meshlens.app.pipeline.LogRecords.PRODUCTPAGE;
import static dev.meshlens.app.pipeline.LogRecords.REVIEWS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshlens.app.pipeline.LogRecords;
import dev.meshlens.app.pipeline.PipelineDriver;
import dev.meshlens.app.pipeline.PipelineDriver.AlertRecord;
import dev.meshlens.app.pipeline.ServiceWindow;
import dev.meshlens.diagnosis.Cause;
import dev.meshlens.diagnosis.Direction;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's rule files, named by {@code meshlens.alert.rules} and {@code meshlens.cause.rules}, replace the
 * built-in ones.
 */
class UserRulesTest {
    private static final Instant W0 = Instant.parse("2026-11-20T10:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static Instant window(int n) {
        return W0.plus(Duration.ofMinutes(n));
    }

    /**
     * Application errors on reviews' own sidecar (2 of 3 requests) and requests to ratings that found no
     * healthy upstream (6 of 6), then stream time at the close of window 1 and of window 2.
     */
    private static List<List<AlertRecord>> run(PipelineDriver pipeline) {
        List<List<AlertRecord>> steps = new ArrayList<>();
        LogRecords.AccessLine inbound = LogRecords.inbound("reviews", "default", 9080).upstreamHost("10.44.1.27:9080");
        pipeline.pipe(inbound.copy().at(W0.plusSeconds(10)), REVIEWS);
        pipeline.pipe(inbound.copy().at(W0.plusSeconds(11)).response(500, "-", "via_upstream"), REVIEWS);
        pipeline.pipe(inbound.copy().at(W0.plusSeconds(12)).response(500, "-", "via_upstream"), REVIEWS);
        Requests.noHealthyUpstream(pipeline, "ratings", W0.plusSeconds(20), 6);
        steps.add(pipeline.readAlerts());
        pipeline.pipe(Requests.served("ratings", window(2).plus(GRACE)), PRODUCTPAGE);
        steps.add(pipeline.readAlerts());
        pipeline.pipe(Requests.served("ratings", window(3).plus(GRACE)), PRODUCTPAGE);
        steps.add(pipeline.readAlerts());
        return steps;
    }

    private static List<String> transitions(List<AlertRecord> alerts) {
        return alerts.stream().map(a -> a.alert().state() + " " + a.key() + " " + a.alert().rule()).toList();
    }

    @Test
    void builtInRulesAlertOnTheMeshFailureAndResolveAfterOneQuietWindow() throws IOException {
        try (PipelineDriver pipeline = PipelineDriver.startWithRuleFiles(new Properties())) {
            List<List<AlertRecord>> steps = run(pipeline);

            assertEquals(List.of("FIRING ratings.default|outbound|no-healthy-upstream mesh-failure"),
                    transitions(steps.get(0)));
            assertEquals(List.of("RESOLVED ratings.default|outbound|no-healthy-upstream mesh-failure"),
                    transitions(steps.get(1)));
            assertEquals(List.of(), steps.get(2));
        }
    }

    @Test
    void aUserAlertRulesFileDecidesWhatFiresAndWhenItResolves() throws IOException {
        Path rules = dir.resolve("alert-rules.json");
        JSON.writeValue(rules.toFile(), Map.of("resolveAfterQuietWindows", 2, "rules", List.of(Map.of(
                "name", "app-errors-fast", "severity", "warning", "causes", List.of("application-error"),
                "minCount", 2, "minRatio", 0.5))));
        Properties settings = new Properties();
        settings.setProperty("meshlens.alert.rules", rules.toString());

        try (PipelineDriver pipeline = PipelineDriver.startWithRuleFiles(settings)) {
            List<List<AlertRecord>> steps = run(pipeline);

            assertEquals(List.of("FIRING reviews.default|inbound|application-error app-errors-fast"),
                    transitions(steps.get(0)));
            assertEquals("warning", steps.get(0).get(0).alert().severity());
            assertEquals(2, steps.get(0).get(0).alert().count());
            assertEquals(3, steps.get(0).get(0).alert().requests());
            assertEquals(List.of(), steps.get(1), "two quiet windows: window 2 is not closed yet");
            assertEquals(List.of("RESOLVED reviews.default|inbound|application-error app-errors-fast"),
                    transitions(steps.get(2)));
        }
    }

    @Test
    void aUserCauseRulesFileDecidesTheCauseAndWhatTheAlertSays() throws IOException {
        List<Map<String, String>> causes = new ArrayList<>();
        for (Cause cause : Cause.values()) {
            if (cause != Cause.NONE) {
                causes.add(Map.of("id", cause.id(), "title", "Ours: " + cause.id(),
                        "hint", "Ask the platform team about " + cause.id()));
            }
        }
        Path rules = dir.resolve("causes.json");
        JSON.writeValue(rules.toFile(), Map.of("causes", causes,
                "rules", List.of(Map.of("cause", "upstream-reset", "flagsAny", List.of("UH")))));
        Properties settings = new Properties();
        settings.setProperty("meshlens.cause.rules", rules.toString());

        try (PipelineDriver pipeline = PipelineDriver.startWithRuleFiles(settings)) {
            Requests.noHealthyUpstream(pipeline, "ratings", W0.plusSeconds(20), 6);

            ServiceWindow window = pipeline.window("ratings.default", W0);
            assertEquals(1, window.causes().size());
            assertEquals(Direction.OUTBOUND, window.causes().get(0).direction());
            assertEquals(Cause.UPSTREAM_RESET, window.causes().get(0).cause());
            assertEquals(6, window.causes().get(0).count());
            List<AlertRecord> alerts = pipeline.readAlerts();
            assertEquals(List.of("FIRING ratings.default|outbound|upstream-reset mesh-failure"), transitions(alerts));
            assertEquals("Ours: upstream-reset", alerts.get(0).alert().title());
            assertEquals("Ask the platform team about upstream-reset", alerts.get(0).alert().hint());
            assertNull(alerts.get(0).alert().resolvedAt());
        }
    }
}
