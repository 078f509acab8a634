package dev.meshlens.app.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.meshlens.app.pipeline.MeshLensApp;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input among good lines on a real broker ({@link PipelineIT} covers the everyday kinds of bad
 * record): a 5 MiB value (the input topic's max.message.bytes raised for it), bytes that are not UTF-8, JSON
 * nested 50,000 deep, a wrong envelope, another program's line, no key and no value. Each must reach the
 * dead-letter topic once with its reason; the instance must read every record exactly once (no thread failed
 * and read its batch again, no record read in a loop), keep running, and count the good lines exactly.
 */
@ExtendWith(KafkaClusterExtension.class)
class PoisonPillIT {
    private static final Duration STARTUP = Duration.ofSeconds(60);

    @Test
    void deadLettersEachPillOnceAndCountsEveryGoodLine(KafkaCluster kafka, @TempDir Path stateDir) throws Exception {
        Deployment deployment = new Deployment(kafka, "poison-pill-it", 2);
        kafka.setTopicConfig(deployment.inputTopic, TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                Integer.toString(2 * PoisonRecords.HUGE));
        long w0 = Deployment.firstWindowStart();
        Traffic good = Traffic.to(deployment.inputTopic, w0, Deployment.WINDOW)
                .add(Hop.PRODUCTPAGE_TO_REVIEWS, Outcome.SERVED, 0, 300)
                .add(Hop.REVIEWS_TO_RATINGS, Outcome.NO_HEALTHY_UPSTREAM, 0, 20)
                .add(Hop.GATEWAY_TO_PRODUCTPAGE, Outcome.SERVED, 1, 200)
                .build();
        List<PoisonRecords.Poison> pills = PoisonRecords.hostile();
        // Pills first: one that stopped its partition would leave the good lines behind it uncounted.
        List<ProducerRecord<byte[], byte[]>> input = new ArrayList<>();
        pills.forEach(pill -> input.add(pill.to(deployment.inputTopic)));
        input.addAll(good.records());

        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (MeshLensApp app = deployment.instance(stateDir, Map.of(), meters).start()) {
            Deployment.awaitRunning(STARTUP, app);
            List<RecordMetadata> sent = Topics.send(kafka, input);
            deployment.awaitDrained();

            DeadLetterChecks.assertEachOnceWithWhyAndWhere(deployment, pills, sent.subList(0, pills.size()), STARTUP);
            assertEquals(good.expectedCounts(), WindowCounts.ofActiveTasks(app.streams()));
            assertEquals(input.size(), (long) meters.get("meshlens.records.in").counter().count(), "records read");
            assertEquals(pills.size(), (long) meters.get("meshlens.records.dead.lettered").counter().count());
            assertEquals(KafkaStreams.State.RUNNING, app.streams().state());
        }
    }
}
