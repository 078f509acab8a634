package dev.meshlens.app.it;

import dev.meshlens.app.alerts.Alert;
import dev.meshlens.app.alerts.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The alert topic as a consumer with {@code isolation.level=read_committed} sees it: per alert key (service,
 * direction, cause), its states in the order they were written (one key, one partition). An episode fired
 * twice, or lost, shows as a list other than FIRING, RESOLVED.
 */
final class AlertEpisodes {
    private AlertEpisodes() {
    }

    static Map<String, List<Alert.State>> read(KafkaCluster kafka, String topic, Duration timeout) {
        JsonSerde<Alert> serde = new JsonSerde<>(Alert.class);
        Map<String, List<Alert.State>> byKey = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : Topics.readCommitted(kafka, topic, timeout)) {
            byKey.computeIfAbsent(new String(record.key(), StandardCharsets.UTF_8), key -> new ArrayList<>())
                    .add(serde.deserializer().deserialize(record.topic(), record.value()).state());
        }
        return byKey;
    }

    /** Each of {@code keys} fired once and resolved once. */
    static Map<String, List<Alert.State>> firedAndResolvedOnce(List<String> keys) {
        Map<String, List<Alert.State>> expected = new TreeMap<>();
        keys.forEach(key -> expected.put(key, List.of(Alert.State.FIRING, Alert.State.RESOLVED)));
        return expected;
    }
}
