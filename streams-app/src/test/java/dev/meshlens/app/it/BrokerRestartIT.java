package dev.meshlens.app.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker restarts while {@code meshlens run} works through a stream: the instance is left alone, must
 * find the broker again by itself, and count every line once. The broker is this test's own (the others'
 * stays up), in this JVM, so that it comes back on the same port.
 */
class BrokerRestartIT {
    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final Duration DOWN = Duration.ofSeconds(5);

    @Test
    void theAppRecoversByItselfAndCountsEveryLineOnce(@TempDir Path dir) throws Exception {
        try (KafkaCluster kafka = KafkaCluster.startInProcess()) {
            Deployment deployment = new Deployment(kafka, "broker-restart-it", 4);
            long w0 = Deployment.firstWindowStart();
            Traffic traffic = FaultPlan.traffic(deployment.inputTopic, w0);
            try (AppProcess app = AppProcess.start(deployment, dir, "app", Map.of()).awaitReady(STARTUP)) {
                FaultPlan.streamAndStrike(kafka, deployment, traffic, () -> kafka.restartBroker(DOWN));
                FaultPlan.assertNothingLostOrDoubled(kafka, deployment, app.http(), dir, traffic, w0);
            }
        }
    }
}
