package dev.meshlens.app.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshlens.app.pipeline.PipelineSettings;
import dev.meshlens.app.pipeline.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topic definitions ({@link Topics}) and deploy/kafka/topics.sh, which must create the same topics.
 * {@code meshlens topics create} against a real broker is not tested here yet (it needs an in-process broker
 * in the test classpath); {@link TopicsCommandTest} covers its arguments and its failures.
 */
class TopicsTest {
    private static final PipelineSettings DEFAULTS = PipelineSettings.from(new Properties());

    @Test
    void namesAreTheTopicsThePipelineUses() {
        assertEquals(List.of(DEFAULTS.inputTopic(), DEFAULTS.deadLetterTopic(), DEFAULTS.alertTopic()), names(DEFAULTS));
        Properties renamed = new Properties();
        renamed.setProperty("meshlens.input.topic", "mesh.logs");
        renamed.setProperty("meshlens.dlq.topic", "mesh.logs.dlq");
        renamed.setProperty("meshlens.alerts.topic", "mesh.alerts");
        assertEquals(List.of("mesh.logs", "mesh.logs.dlq", "mesh.alerts"), names(PipelineSettings.from(renamed)));
    }

    @Test
    void logsAreDeletedAfterRetentionAndAlertsAreCompactedByKey() {
        Map<String, Map<String, String>> configs = configsByName(DEFAULTS);
        assertEquals(TopicConfig.CLEANUP_POLICY_DELETE, cleanup(configs.get(DEFAULTS.inputTopic())));
        assertEquals(TopicConfig.CLEANUP_POLICY_DELETE, cleanup(configs.get(DEFAULTS.deadLetterTopic())));
        assertEquals(Set.of(TopicConfig.CLEANUP_POLICY_COMPACT, TopicConfig.CLEANUP_POLICY_DELETE),
                Set.of(cleanup(configs.get(DEFAULTS.alertTopic())).split(",")));
    }

    @Test
    void retentionsFitThePipeline() {
        Map<String, Map<String, String>> configs = configsByName(DEFAULTS);
        Duration input = retention(configs.get(DEFAULTS.inputTopic()));
        // The input outlives the windows it feeds, so a reset application can rebuild them from it.
        assertTrue(input.compareTo(DEFAULTS.retention()) >= 0, input + " < " + DEFAULTS.retention());
        assertTrue(retention(configs.get(DEFAULTS.deadLetterTopic())).compareTo(input) > 0);
        assertTrue(retention(configs.get(DEFAULTS.alertTopic())).compareTo(input) > 0);
    }

    @Test
    void adminRequestCarriesPartitionsReplicasAndConfigs() {
        Topics.Definition input = Topics.of(DEFAULTS).get(0);
        NewTopic withCounts = input.newTopic(Optional.of(12), Optional.of((short) 3));
        assertEquals(12, withCounts.numPartitions());
        assertEquals(3, withCounts.replicationFactor());
        assertEquals(input.configs(), withCounts.configs());
        // Left out, they are the broker's defaults: -1 in the request.
        NewTopic brokerDefaults = input.newTopic(Optional.empty(), Optional.empty());
        assertEquals(-1, brokerDefaults.numPartitions());
        assertEquals(-1, brokerDefaults.replicationFactor());
    }

    @Test
    void topicsScriptCreatesTheSameTopics(@TempDir Path dir) throws Exception {
        List<List<String>> calls = runTopicsScript(dir, Map.of());
        List<Topics.Definition> expected = Topics.of(DEFAULTS);
        assertEquals(expected.size(), calls.size());
        for (int i = 0; i < expected.size(); i++) {
            List<String> args = calls.get(i);
            assertEquals(expected.get(i).name(), option(args, "--topic"));
            assertEquals(Set.copyOf(expected.get(i).configPairs()), Set.copyOf(options(args, "--config")));
            assertEquals(Integer.toString(Topics.DEFAULT_PARTITIONS), option(args, "--partitions"));
            assertTrue(args.contains("--create") && args.contains("--if-not-exists"), args.toString());
            assertFalse(args.contains("--replication-factor"), "unset, the broker's default applies");
        }
    }

    @Test
    void topicsScriptReadsTheTopicNamesTheAppReads(@TempDir Path dir) throws Exception {
        Map<String, String> env = Map.of("MESHLENS_INPUT_TOPIC", "mesh.logs", "MESHLENS_DLQ_TOPIC", "mesh.dlq",
                "MESHLENS_ALERTS_TOPIC", "mesh.alerts", "REPLICATION_FACTOR", "3");
        List<List<String>> calls = runTopicsScript(dir, env);
        assertEquals(names(PipelineSettings.load(null, env)), calls.stream().map(a -> option(a, "--topic")).toList());
        assertTrue(calls.stream().allMatch(a -> "3".equals(option(a, "--replication-factor"))));
    }

    /** Runs topics.sh with a stand-in kafka-topics.sh that records its arguments: one list per call. */
    private static List<List<String>> runTopicsScript(Path dir, Map<String, String> env) throws Exception {
        Path calls = dir.resolve("calls");
        Path fake = dir.resolve("kafka-topics.sh");
        Files.writeString(fake, "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\" >> \"$CALLS\"\necho --- >> \"$CALLS\"\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder builder = new ProcessBuilder("bash", DeployFiles.path("deploy/kafka/topics.sh").toString())
                .redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("MESHLENS_"));
        environment.putAll(env);
        environment.put("KAFKA_TOPICS", fake.toString());
        environment.put("CALLS", calls.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        List<List<String>> all = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String line : Files.readAllLines(calls)) {
            if (line.equals("---")) {
                all.add(current);
                current = new ArrayList<>();
            } else {
                current.add(line);
            }
        }
        return all;
    }

    private static String option(List<String> args, String name) {
        int at = args.indexOf(name);
        return at < 0 ? null : args.get(at + 1);
    }

    private static List<String> options(List<String> args, String name) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < args.size() - 1; i++) {
            if (args.get(i).equals(name)) {
                values.add(args.get(i + 1));
            }
        }
        return values;
    }

    private static List<String> names(PipelineSettings settings) {
        return Topics.of(settings).stream().map(Topics.Definition::name).toList();
    }

    private static Map<String, Map<String, String>> configsByName(PipelineSettings settings) {
        Map<String, Map<String, String>> configs = new HashMap<>();
        Topics.of(settings).forEach(t -> configs.put(t.name(), t.configs()));
        return configs;
    }

    private static String cleanup(Map<String, String> configs) {
        return configs.get(TopicConfig.CLEANUP_POLICY_CONFIG);
    }

    private static Duration retention(Map<String, String> configs) {
        return Duration.ofMillis(Long.parseLong(configs.get(TopicConfig.RETENTION_MS_CONFIG)));
    }
}
