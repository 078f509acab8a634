package dev.meshlens.app.pipeline;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The topics MeshLens reads and writes that Kafka Streams does not create itself (its repartition and
 * changelog topics it does). One place for their settings: {@code meshlens topics create} and
 * {@code deploy/kafka/topics.sh} create the same topics.
 */
public final class Topics {
    /** Enough to replay a day of access logs after an outage or a reset of the application. */
    public static final Duration INPUT_RETENTION = Duration.ofDays(1);
    /** Longer than the input: dead letters are looked at by people, days later. */
    public static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(7);
    /** Compaction keeps the latest transition per alert key; older ones go after this. */
    public static final Duration ALERT_RETENTION = Duration.ofDays(30);
    /** Room for a few instances to share the input without more partitions later (which moves pod keys). */
    public static final int DEFAULT_PARTITIONS = 6;
    /** Both policies at once: compacted by key, and whole segments dropped after retention. */
    static final String COMPACT_AND_DELETE = TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE;

    private Topics() {
    }

    /** One topic: its name, what it is for, and its topic-level configs. */
    public record Definition(String name, String purpose, Map<String, String> configs) {
        public Definition {
            configs = Map.copyOf(configs);
        }

        /**
         * The Admin API's request; an empty partition count or replication factor leaves it to the broker's
         * {@code num.partitions} / {@code default.replication.factor}.
         */
        public NewTopic newTopic(Optional<Integer> partitions, Optional<Short> replicationFactor) {
            return new NewTopic(name, partitions, replicationFactor).configs(configs);
        }

        /** {@code key=value} for each config, in a stable order (for people and scripts). */
        public List<String> configPairs() {
            return configs.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> e.getKey() + "=" + e.getValue()).toList();
        }
    }

    /** The input, dead-letter and alert topics, named as {@code settings} names them. */
    public static List<Definition> of(PipelineSettings settings) {
        return List.of(
                new Definition(settings.inputTopic(), "access-log records from Fluent Bit",
                        configs(TopicConfig.CLEANUP_POLICY_DELETE, INPUT_RETENTION)),
                new Definition(settings.deadLetterTopic(), "records that are not access events",
                        configs(TopicConfig.CLEANUP_POLICY_DELETE, DEAD_LETTER_RETENTION)),
                // Keyed by alert key (service|direction|cause): compaction keeps each alert's latest state.
                new Definition(settings.alertTopic(), "alert transitions, keyed by alert",
                        configs(COMPACT_AND_DELETE, ALERT_RETENTION)));
    }

    private static Map<String, String> configs(String cleanupPolicy, Duration retention) {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy);
        configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()));
        return configs;
    }
}
