package dev.meshlens.app.it;

import dev.meshlens.app.pipeline.MeshLensApp;
import dev.meshlens.app.pipeline.PipelineSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * One MeshLens deployment on the test broker: its own application.id and topics (so test classes sharing the
 * broker never see each other's records), and the settings every instance of it runs with.
 */
final class Deployment {
    static final Duration WINDOW = Duration.ofSeconds(10);
    /** Longer than a window: a partial of window 0 that reaches its task after one of window 1 still counts. */
    static final Duration GRACE = Duration.ofSeconds(30);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(90);

    /** Window 0 of a test's plan: two minutes ago, so that no record time of a test is in the broker's future. */
    static long firstWindowStart() {
        long window = WINDOW.toMillis();
        return (System.currentTimeMillis() - 120_000) / window * window;
    }

    final String applicationId;
    final String inputTopic;
    final String deadLetterTopic;
    final String alertTopic;
    private final KafkaCluster kafka;

    Deployment(KafkaCluster kafka, String name, int inputPartitions) {
        this.kafka = kafka;
        this.applicationId = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.inputTopic = applicationId + ".istio-proxy-logs";
        this.deadLetterTopic = applicationId + ".dlq";
        this.alertTopic = applicationId + ".alerts";
        kafka.createTopics(inputPartitions, inputTopic);
        kafka.createTopics(2, deadLetterTopic, alertTopic);
    }

    KafkaCluster kafka() {
        return kafka;
    }

    /** Where the parse step's partial aggregates go to be merged by service: Kafka Streams names it. */
    String repartitionTopic() {
        return applicationId + "-partials-by-service-repartition";
    }

    /**
     * An instance, not started: exactly-once v2, a commit every 100 ms, a 6 s session, its state under
     * {@code stateDir}, and {@code kafkaOverrides} on top.
     */
    MeshLensApp instance(Path stateDir, Map<String, String> kafkaOverrides) throws IOException {
        return instance(stateDir, kafkaOverrides, new SimpleMeterRegistry());
    }

    /** {@link #instance(Path, Map)}, its meters in {@code registry}. */
    MeshLensApp instance(Path stateDir, Map<String, String> kafkaOverrides, MeterRegistry registry) throws IOException {
        return new MeshLensApp(PipelineSettings.from(settings(stateDir, kafkaOverrides)), registry);
    }

    /** The settings of {@link #instance}, as a {@code meshlens run --config} file would hold them. */
    Properties settings(Path stateDir, Map<String, String> kafkaOverrides) {
        Properties properties = new Properties();
        properties.put("meshlens.input.topic", inputTopic);
        properties.put("meshlens.dlq.topic", deadLetterTopic);
        properties.put("meshlens.alerts.topic", alertTopic);
        properties.put("meshlens.window", WINDOW.toSeconds() + "s");
        properties.put("meshlens.grace", GRACE.toSeconds() + "s");
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        properties.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // An instance that stops does not leave the group (Kafka Streams' close keeps its membership), so the
        // next one to join waits for its session to time out: the broker's minimum here, not the default 45 s.
        properties.put("session.timeout.ms", "6000");
        properties.putAll(kafkaOverrides);
        return properties;
    }

    static void awaitRunning(Duration timeout, MeshLensApp... apps) {
        Waits.until("every instance to be RUNNING", timeout,
                () -> Arrays.stream(apps).map(app -> app.streams().state()).toList(),
                states -> states.stream().allMatch(state -> state == KafkaStreams.State.RUNNING));
    }

    /**
     * Waits until the instances have consumed and committed all input and every partial aggregate it gave
     * (so every window update and alert is committed too), and returns those partials, read_committed.
     */
    List<ConsumerRecord<byte[], byte[]>> awaitDrained() {
        Map<TopicPartition, Long> inputEnd = kafka.endOffsets(inputTopic);
        awaitCommitted("all input", inputEnd);
        // Committed in the same transactions as the input offsets above: all partials are there now.
        List<ConsumerRecord<byte[], byte[]>> partials = Topics.readCommitted(kafka, repartitionTopic(), DRAIN_TIMEOUT);
        // Not the end offsets: transaction markers take offsets that a consumer's position may not pass yet.
        Map<TopicPartition, Long> afterLastPartial = partials.stream().collect(Collectors.toMap(
                r -> new TopicPartition(r.topic(), r.partition()), r -> r.offset() + 1, Math::max));
        awaitCommitted("every partial aggregate", afterLastPartial);
        return partials;
    }

    /** How many input records the application has committed as processed, over all partitions. */
    long committedInput() {
        return kafka.committedOffsets(applicationId).entrySet().stream()
                .filter(offset -> offset.getKey().topic().equals(inputTopic)).mapToLong(Map.Entry::getValue).sum();
    }

    private void awaitCommitted(String what, Map<TopicPartition, Long> targets) {
        Waits.until(applicationId + " to commit " + what + " (targets " + targets + ")", DRAIN_TIMEOUT,
                () -> kafka.committedOffsets(applicationId),
                committed -> targets.entrySet().stream()
                        .allMatch(t -> t.getValue() == 0 || committed.getOrDefault(t.getKey(), -1L) >= t.getValue()));
    }
}
