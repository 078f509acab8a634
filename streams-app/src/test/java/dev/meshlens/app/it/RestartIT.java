package dev.meshlens.app.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.meshlens.app.alerts.Alert;
import dev.meshlens.app.alerts.JsonSerde;
import dev.meshlens.app.pipeline.MeshLensApp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment stops and starts again on another state directory, as a pod rescheduled without its volume:
 * the windows and the firing alerts come back from their changelogs. Lines for the same windows after the
 * restart add to the counts from before it, and an alert that was firing does not fire again.
 */
@ExtendWith(KafkaClusterExtension.class)
class RestartIT {
    private static final Duration STARTUP = Duration.ofSeconds(60);

    @Test
    void carriesCountsAndFiringAlertsOverARestart(KafkaCluster kafka, @TempDir Path stateDirs) throws Exception {
        Deployment deployment = new Deployment(kafka, "restart-it", 4);
        long w0 = Deployment.firstWindowStart();
        Traffic before = Traffic.to(deployment.inputTopic, w0, Deployment.WINDOW)
                .add(Hop.PRODUCTPAGE_TO_REVIEWS, Outcome.SERVED, 0, 300)
                .add(Hop.PRODUCTPAGE_TO_REVIEWS, Outcome.TLS_MISMATCH, 0, 30) // 30 of 330: fires
                .add(Hop.REVIEWS_TO_RATINGS, Outcome.SERVED, 0, 200)
                .build();
        Traffic after = Traffic.to(deployment.inputTopic, w0, Deployment.WINDOW)
                .add(Hop.PRODUCTPAGE_TO_REVIEWS, Outcome.SERVED, 0, 200)
                .add(Hop.PRODUCTPAGE_TO_REVIEWS, Outcome.TLS_MISMATCH, 0, 30) // 60 of 560: still firing, not again
                .add(Hop.REVIEWS_TO_RATINGS, Outcome.OVERFLOW, 0, 20) // 20 of 220: fires
                .build();

        try (MeshLensApp first = deployment.instance(stateDirs.resolve("first"), Map.of()).start()) {
            Deployment.awaitRunning(STARTUP, first);
            Topics.send(kafka, before.records());
            deployment.awaitDrained();
        }
        try (MeshLensApp second = deployment.instance(stateDirs.resolve("second"), Map.of()).start()) {
            Deployment.awaitRunning(STARTUP, second);
            Topics.send(kafka, after.records());
            deployment.awaitDrained();

            Map<Traffic.Count, Long> counted = Waits.until("the window store to be queryable", STARTUP,
                    () -> WindowCounts.ofActiveTasks(second.streams()), counts -> true);
            assertEquals(Traffic.expectedCounts(before, after), counted);
        }
        List<String> transitions = Topics.readCommitted(kafka, deployment.alertTopic, STARTUP).stream()
                .map(RestartIT::keyAndState).sorted().toList();
        assertEquals(List.of("ratings.default|outbound|circuit-breaker-overflow FIRING",
                "reviews.default|outbound|mtls-mismatch FIRING"), transitions);
    }

    private static String keyAndState(ConsumerRecord<byte[], byte[]> record) {
        Alert alert = new JsonSerde<>(Alert.class).deserializer().deserialize(record.topic(), record.value());
        return new String(record.key(), StandardCharsets.UTF_8) + ' ' + alert.state();
    }
}
