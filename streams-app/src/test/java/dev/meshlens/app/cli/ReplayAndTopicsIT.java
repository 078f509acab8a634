package dev.meshlens.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshlens.app.demo.EmbeddedKafka;
import dev.meshlens.app.pipeline.PipelineSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code meshlens topics create} and {@code meshlens replay} against a real broker. */
class ReplayAndTopicsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LINE = "[2026-11-20T10:42:%02d.000Z] \"GET /reviews/%d HTTP/1.1\" 503 UH no_healthy_upstream - "
            + "\"-\" 0 19 0 - \"-\" \"curl/8.5.0\" \"req-%d\" \"reviews:9080\" \"-\" "
            + "outbound|9080||reviews.default.svc.cluster.local - 10.96.18.4:9080 10.40.1.9:40124 - default";

    @TempDir
    static Path dir;
    private static EmbeddedKafka kafka;
    private static Path config;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
        config = Files.writeString(dir.resolve("meshlens.properties"), "bootstrap.servers=" + kafka.bootstrapServers() + "\n");
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void topicsAreCreatedOnceWithTheirPoliciesAndReportedAfterwards() throws Exception {
        assertEquals(0, new CommandLine(new TopicsCommand()).execute("create", "--config", config.toString(),
                "--partitions", "2", "--replication-factor", "1"));
        assertEquals(0, new CommandLine(new TopicsCommand()).execute("create", "--config", config.toString(),
                "--partitions", "2", "--replication-factor", "1"), "a second run finds the topics and is no error");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            Set<String> names = admin.listTopics().names().get();
            assertTrue(names.containsAll(Set.of(PipelineSettings.DEFAULT_INPUT_TOPIC,
                    PipelineSettings.DEFAULT_DEAD_LETTER_TOPIC, PipelineSettings.DEFAULT_ALERT_TOPIC)), names.toString());
            ConfigResource alerts = new ConfigResource(ConfigResource.Type.TOPIC, PipelineSettings.DEFAULT_ALERT_TOPIC);
            Config alertConfig = admin.describeConfigs(List.of(alerts)).all().get().get(alerts);
            assertEquals("compact,delete", alertConfig.get("cleanup.policy").value());
            assertEquals(2, admin.describeTopics(List.of(PipelineSettings.DEFAULT_INPUT_TOPIC)).allTopicNames().get()
                    .get(PipelineSettings.DEFAULT_INPUT_TOPIC).partitions().size());
        }
    }

    @Test
    void replayWrapsEachLineAsAFluentBitRecordAndPassesRecordsThrough() throws Exception {
        String topic = "replay-test";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, 1, (short) 1))).all().get();
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            lines.add(String.format(LINE, i, i, i));
        }
        String record = "{\"@timestamp\":1795341600.0,\"log\":\"" + String.format(LINE, 30, 30, 30).replace("\"", "\\\"")
                + "\",\"kubernetes\":{\"pod_name\":\"other-pod\"}}";
        lines.add(record);
        Path log = Files.write(dir.resolve("captured.log"), lines, StandardCharsets.UTF_8);

        int exit = new CommandLine(new ReplayCommand()).execute("--bootstrap-servers", kafka.bootstrapServers(),
                "--topic", topic, "--pod", "productpage-v1-abc", "--app", "productpage", "--namespace", "shop",
                "--rate", "200", log.toString());

        assertEquals(0, exit);
        List<ConsumerRecord<byte[], byte[]>> sent = readAll(topic, lines.size());
        assertEquals(lines.size(), sent.size());
        for (int i = 0; i < 20; i++) {
            ConsumerRecord<byte[], byte[]> r = sent.get(i);
            assertEquals("productpage-v1-abc", new String(r.key(), StandardCharsets.UTF_8));
            JsonNode value = JSON.readTree(r.value());
            assertEquals(lines.get(i), value.path("log").asText(), "the line, unescaped, is the record's log");
            assertEquals("productpage-v1-abc", value.path("kubernetes").path("pod_name").asText());
            assertEquals("shop", value.path("kubernetes").path("namespace_name").asText());
            assertEquals("productpage", value.path("kubernetes").path("labels").path("app").asText());
            assertTrue(value.path("@timestamp").isNumber());
        }
        assertEquals(record, new String(sent.get(20).value(), StandardCharsets.UTF_8), "a Fluent Bit record goes as it is");
    }

    @Test
    void replayWithoutPodSendsNullKeysLikeFluentBit() throws Exception {
        String topic = "replay-null-keys";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, 1, (short) 1))).all().get();
        }
        Path log = Files.write(dir.resolve("plain.log"), List.of(String.format(LINE, 1, 1, 1)), StandardCharsets.UTF_8);
        assertEquals(0, new CommandLine(new ReplayCommand()).execute("--bootstrap-servers", kafka.bootstrapServers(),
                "--topic", topic, log.toString()));
        ConsumerRecord<byte[], byte[]> only = readAll(topic, 1).get(0);
        assertNull(only.key());
        assertTrue(JSON.readTree(only.value()).path("kubernetes").isMissingNode());
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected) {
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                kafka.bootstrapServers(), "group.id", "replay-check-" + topic, "auto.offset.reset", "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (all.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
            }
        }
        return all;
    }
}
