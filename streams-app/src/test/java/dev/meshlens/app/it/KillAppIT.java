package dev.meshlens.app.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code meshlens run} in a JVM of its own is killed with SIGKILL while input streams in (a transaction open,
 * partials unsent); more input arrives while it is down; it starts again on the same state directory. With
 * exactly-once v2 every line must count once and every alert episode must be on the alert topic once.
 */
@ExtendWith(KafkaClusterExtension.class)
class KillAppIT {
    private static final Duration STARTUP = Duration.ofSeconds(120);

    @Test
    void aHardKilledInstanceRestartsWithoutLosingOrDoublingALineOrAnAlert(KafkaCluster kafka, @TempDir Path dir)
            throws Exception {
        Deployment deployment = new Deployment(kafka, "kill-app-it", 4);
        long w0 = Deployment.firstWindowStart();
        Traffic traffic = FaultPlan.traffic(deployment.inputTopic, w0);
        try (AppProcess first = AppProcess.start(deployment, dir, "app", Map.of()).awaitReady(STARTUP)) {
            FaultPlan.streamAndStrike(kafka, deployment, traffic, first::kill);
        }
        try (AppProcess second = AppProcess.start(deployment, dir, "app", Map.of()).awaitReady(STARTUP)) {
            FaultPlan.assertNothingLostOrDoubled(kafka, deployment, second.http(), dir, traffic, w0);
        }
    }
}
