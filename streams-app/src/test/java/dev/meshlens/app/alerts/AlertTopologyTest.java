package dev.meshlens.app.alerts;

import static dev.meshlens.app.pipeline.LogRecords.PRODUCTPAGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshlens.app.pipeline.LogRecords;
import dev.meshlens.app.pipeline.PipelineDriver;
import dev.meshlens.app.pipeline.PipelineDriver.AlertRecord;
import dev.meshlens.diagnosis.Cause;
import dev.meshlens.diagnosis.CauseRules;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Alerts from the whole topology, under the built-in rules: {@code mesh-failure} fires on 5 requests and 5 % of
 * a direction's requests in one window, and resolves once one window after the last breach has closed
 * (stream time past its end plus the 30 s grace).
 */
class AlertTopologyTest {
    private static final Instant W0 = Instant.parse("2026-11-20T10:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final Duration GRACE = Duration.ofSeconds(30);

    private static Instant window(int n) {
        return W0.plus(WINDOW.multipliedBy(n));
    }

    @Test
    void firesOnceBothTheCountAndTheRatioAreReached() {
        try (PipelineDriver pipeline = PipelineDriver.start()) {
            Requests.noHealthyUpstream(pipeline, "ratings", W0, 4);
            assertEquals(List.of(), pipeline.readAlerts(), "4 of 4 requests: the ratio is there, the count is not");
            Requests.noHealthyUpstream(pipeline, "ratings", W0.plusSeconds(4), 1);
            List<AlertRecord> ratings = pipeline.readAlerts();
            assertEquals(1, ratings.size());
            assertEquals(5, ratings.get(0).alert().count());
            assertEquals(5, ratings.get(0).alert().requests());

            Requests.served(pipeline, "reviews", W0, 96);
            Requests.noHealthyUpstream(pipeline, "reviews", W0.plusSeconds(10), 5);
            assertEquals(List.of(), pipeline.readAlerts(), "5 of 101 requests: the count is there, the ratio is not");
            Requests.noHealthyUpstream(pipeline, "reviews", W0.plusSeconds(15), 1);
            List<AlertRecord> reviews = pipeline.readAlerts();
            assertEquals(1, reviews.size());
            Alert alert = reviews.get(0).alert();
            assertEquals(Alert.State.FIRING, alert.state());
            assertEquals("reviews.default", alert.service());
            assertEquals(6, alert.count());
            assertEquals(102, alert.requests());
            assertEquals(6.0 / 102, alert.ratio());
        }
    }

    @Test
    void theRatioThresholdIsInclusive() {
        try (PipelineDriver pipeline = PipelineDriver.start()) {
            Requests.served(pipeline, "reviews", W0, 95);
            Requests.noHealthyUpstream(pipeline, "reviews", W0.plusSeconds(10), 5);

            List<AlertRecord> alerts = pipeline.readAlerts();
            assertEquals(1, alerts.size());
            assertEquals(0.05, alerts.get(0).alert().ratio());
        }
    }

    @Test
    void staysFiringWithoutDuplicatesWhileTheCauseStaysBad() {
        try (PipelineDriver pipeline = PipelineDriver.start()) {
            for (int n = 0; n < 4; n++) {
                Requests.noHealthyUpstream(pipeline, "ratings", window(n).plusSeconds(10), 6);
            }

            List<AlertRecord> alerts = pipeline.readAlerts();
            assertEquals(1, alerts.size(), alerts.toString());
            assertEquals(Alert.State.FIRING, alerts.get(0).alert().state());
            assertEquals(1, firing(pipeline));
            assertEquals(0, resolved(pipeline));
        }
    }

    @Test
    void resolvesOnceTheQuietWindowClosesAndNotWhileItDipsOpen() {
        try (PipelineDriver pipeline = PipelineDriver.start()) {
            Requests.noHealthyUpstream(pipeline, "ratings", W0.plusSeconds(10), 5);
            AlertRecord fired = pipeline.readAlerts().get(0);
            // The next window dips below the thresholds: 1 failure in 31 requests.
            Requests.served(pipeline, "ratings", window(1), 30);
            Requests.noHealthyUpstream(pipeline, "ratings", window(1).plusSeconds(50), 1);
            pipeline.pipe(Requests.served("ratings", window(2).plus(GRACE).minusMillis(1)), PRODUCTPAGE);
            assertEquals(List.of(), pipeline.readAlerts(), "window 1 stays open until its grace ends");

            pipeline.pipe(Requests.served("ratings", window(2).plus(GRACE)), PRODUCTPAGE);
            List<AlertRecord> alerts = pipeline.readAlerts();
            assertEquals(1, alerts.size(), alerts.toString());
            Alert resolved = alerts.get(0).alert();
            assertEquals(Alert.State.RESOLVED, resolved.state());
            assertEquals(fired.alert().id(), resolved.id());
            assertEquals(fired.key(), alerts.get(0).key());
            assertEquals(window(2), Instant.parse(resolved.resolvedAt()));
            assertEquals(W0, Instant.parse(resolved.firingSince()));
            assertEquals(1, firing(pipeline));
            assertEquals(1, resolved(pipeline));
        }
    }

    @Test
    void aNewEpisodeFiresAgainWithANewId() {
        try (PipelineDriver pipeline = PipelineDriver.start()) {
            Requests.noHealthyUpstream(pipeline, "ratings", W0.plusSeconds(10), 5);
            Requests.served(pipeline, "ratings", window(3), 1);
            Requests.noHealthyUpstream(pipeline, "ratings", window(5).plusSeconds(10), 5);

            List<AlertRecord> alerts = pipeline.readAlerts();
            assertEquals(List.of(Alert.State.FIRING, Alert.State.RESOLVED, Alert.State.FIRING),
                    alerts.stream().map(a -> a.alert().state()).toList());
            Alert second = alerts.get(2).alert();
            assertNotEquals(alerts.get(0).alert().id(), second.id());
            assertEquals(window(5), Instant.parse(second.firingSince()));
            assertEquals(window(5), Instant.parse(second.windowStart()));
        }
    }

    @Test
    void theAlertSaysWhatWhereHowMuchAndWhatToCheck() {
        try (PipelineDriver pipeline = PipelineDriver.start()) {
            Requests.served(pipeline, "orders", W0, 20);
            String[] hosts = {"10.1.7.7:8080", "10.1.7.8:8080", "10.1.7.7:8080", "10.1.7.8:8080", "10.1.7.7:8080"};
            for (int i = 0; i < hosts.length; i++) {
                pipeline.pipe(LogRecords.outbound("orders", "default", 8080).at(W0.plusSeconds(30 + i))
                        .requestId("orders-refused-" + i).upstreamHost(hosts[i])
                        .response(503, "UF", "upstream_reset_before_response_started{connection_failure}")
                        .failureReason("delayed_connect_error:_111"), PRODUCTPAGE);
            }

            List<AlertRecord> alerts = pipeline.readAlerts();
            assertEquals(1, alerts.size());
            assertEquals("orders.default|outbound|connection-refused", alerts.get(0).key());
            JsonNode json = alerts.get(0).json();
            CauseRules.CauseInfo info = CauseRules.builtIn().info(Cause.CONNECTION_REFUSED);
            assertEquals("FIRING", json.get("state").asText());
            assertEquals("mesh-failure", json.get("rule").asText());
            assertEquals("critical", json.get("severity").asText());
            assertEquals("orders.default", json.get("service").asText());
            assertEquals("outbound", json.get("direction").asText());
            assertEquals("connection-refused", json.get("cause").asText());
            assertEquals(info.title(), json.get("title").asText());
            assertEquals(info.hint(), json.get("hint").asText());
            assertEquals(W0, Instant.parse(json.get("window_start").asText()));
            assertEquals(window(1), Instant.parse(json.get("window_end").asText()));
            assertEquals(5, json.get("count").asLong());
            assertEquals(25, json.get("requests").asLong());
            assertEquals(0.2, json.get("ratio").asDouble());
            assertEquals(2, json.get("top_upstream_hosts").size());
            assertEquals("10.1.7.7:8080", json.get("top_upstream_hosts").get(0).get("key").asText());
            assertEquals(3, json.get("top_upstream_hosts").get(0).get("count").asLong());
            assertEquals("10.1.7.8:8080", json.get("top_upstream_hosts").get(1).get("key").asText());
            assertEquals(2, json.get("top_upstream_hosts").get(1).get("count").asLong());
            assertEquals("orders-refused-0", json.get("sample_request_id").asText());
            assertEquals(W0, Instant.parse(json.get("firing_since").asText()));
            assertTrue(json.get("resolved_at").isNull());
            assertTrue(json.get("id").asText().startsWith("orders.default|outbound|connection-refused|"));
        }
    }

    private static double firing(PipelineDriver pipeline) {
        return pipeline.registry().get("meshlens.alerts.transitions").tag("state", "firing").counter().count();
    }

    private static double resolved(PipelineDriver pipeline) {
        return pipeline.registry().get("meshlens.alerts.transitions").tag("state", "resolved").counter().count();
    }
}
