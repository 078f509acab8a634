package dev.meshlens.app.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code meshlens run} is stopped while input streams in, its state directory is deleted (a pod rescheduled
 * without its volume, a disk replaced) and it starts again: the windows and alert states come back from their
 * changelogs, and every line still counts once.
 */
@ExtendWith(KafkaClusterExtension.class)
class LostStateDirIT {
    private static final Duration STARTUP = Duration.ofSeconds(120);

    @Test
    void rebuildsItsStateFromTheChangelogs(KafkaCluster kafka, @TempDir Path dir) throws Exception {
        Deployment deployment = new Deployment(kafka, "lost-state-it", 4);
        long w0 = Deployment.firstWindowStart();
        Traffic traffic = FaultPlan.traffic(deployment.inputTopic, w0);
        AppProcess first = AppProcess.start(deployment, dir, "app", Map.of()).awaitReady(STARTUP);
        FaultPlan.streamAndStrike(kafka, deployment, traffic, () -> {
            first.close();
            Utils.delete(dir.resolve("app-state").toFile());
        });
        try (AppProcess second = AppProcess.start(deployment, dir, "app", Map.of()).awaitReady(STARTUP)) {
            FaultPlan.assertNothingLostOrDoubled(kafka, deployment, second.http(), dir, traffic, w0);
        }
    }
}
