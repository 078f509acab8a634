package dev.meshlens.app.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshlens.app.pipeline.MeshLensApp;
import dev.meshlens.diagnosis.Cause;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clock skew and late data on a real broker, by the documented rule: a line whose START_TIME is over an hour
 * ahead of its record's timestamp counts at the record's timestamp (meshlens_records_skewed_total) and does
 * not move stream time a day ahead; lines older than their window plus grace are dropped and counted, line by
 * line, in meshlens_records_late_total. Nothing throws, nothing stops. One input partition: one stream time.
 */
@ExtendWith(KafkaClusterExtension.class)
class LateDataIT {
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Hop ON_TIME = Hop.REVIEWS_TO_RATINGS;
    private static final Hop SKEWED = Hop.GATEWAY_TO_PRODUCTPAGE;

    @Test
    void countsSkewedLinesAtTheirRecordTimeAndDropsLateOnesCountingThem(KafkaCluster kafka, @TempDir Path dir)
            throws Exception {
        Deployment deployment = new Deployment(kafka, "late-data-it", 1);
        long w0 = Deployment.firstWindowStart();
        Traffic onTime = Traffic.to(deployment.inputTopic, w0, Deployment.WINDOW)
                .add(ON_TIME, Outcome.SERVED, 0, 100)
                .add(ON_TIME, Outcome.SERVED, 1, 100)
                .build();
        Traffic late = Traffic.to(deployment.inputTopic, w0, Deployment.WINDOW)
                .add(ON_TIME, Outcome.TIMEOUT, 0, 30)
                .build();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (MeshLensApp app = deployment.instance(dir, Map.of(), meters).start()) {
            Deployment.awaitRunning(STARTUP, app);
            Topics.send(kafka, onTime.records());
            deployment.awaitDrained();

            long before = System.currentTimeMillis();
            // A node a day ahead, then a line of now: were stream time a day ahead, the second would be late.
            Topics.send(kafka, List.of(line(deployment, SKEWED, before + Duration.ofDays(1).toMillis())));
            Topics.send(kafka, List.of(line(deployment, SKEWED, before)));
            deployment.awaitDrained();
            long after = System.currentTimeMillis();

            List<ProducerRecord<byte[], byte[]>> tooLate = new ArrayList<>(late.records());
            tooLate.add(line(deployment, ON_TIME, Instant.parse("2001-11-22T10:00:00Z").toEpochMilli()));
            Topics.send(kafka, tooLate);
            deployment.awaitDrained();

            Map<Traffic.Count, Long> counted = WindowCounts.ofActiveTasks(app.streams());
            Map<Traffic.Count, Long> skewedService = new TreeMap<>(counted);
            skewedService.keySet().removeIf(count -> !count.service().equals(SKEWED.service));
            counted.keySet().removeAll(skewedService.keySet());
            assertEquals(onTime.expectedCounts(), counted, "on-time lines, late ones left out");
            assertEquals(2, skewedService.values().stream().mapToLong(Long::longValue).sum(), skewedService::toString);
            skewedService.keySet().forEach(count -> assertTrue(count.cause() == Cause.NONE
                    && count.windowStart() >= before - Deployment.WINDOW.toMillis() && count.windowStart() <= after,
                    () -> "the skewed line counts when it was shipped, not a day ahead: " + skewedService));

            assertEquals(1, meters.get("meshlens.records.skewed").counter().count());
            assertEquals(late.lines() + 1, (long) meters.get("meshlens.records.late").counter().count());
            assertEquals(onTime.lines() + 2 + late.lines() + 1, (long) meters.get("meshlens.records.in").counter().count());
            assertEquals(KafkaStreams.State.RUNNING, app.streams().state());
        }
    }

    /** One served request of {@code hop} that started at {@code startMillis}, shipped now (the record's timestamp). */
    private static ProducerRecord<byte[], byte[]> line(Deployment deployment, Hop hop, long startMillis) {
        String pod = hop.workload.pods.get(0);
        String line = FluentBitRecords.accessLine(hop, Outcome.SERVED, startMillis,
                "6f1c2a4e-0000-4e8a-9c11-" + String.format("%012x", startMillis));
        return new ProducerRecord<>(deployment.inputTopic, FluentBitRecords.value(line, hop.workload, pod,
                System.currentTimeMillis()));
    }
}
