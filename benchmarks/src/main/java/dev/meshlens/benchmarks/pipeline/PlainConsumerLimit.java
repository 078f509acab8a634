package dev.meshlens.benchmarks.pipeline;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The limit the app is measured against: one plain {@link KafkaConsumer}, built with exactly the settings Kafka
 * Streams gives its own main consumer for the app's configuration (fetch sizes, max.poll.records, isolation
 * level), reading every input partition from offset 0 to its end and touching every byte, nothing more.
 */
final class PlainConsumerLimit {
    private PlainConsumerLimit() {
    }

    /** Reads all of {@code topic} with the consumer settings the app would use under {@code appSettings}. */
    static Measurement run(String name, Properties appSettings, String topic, MeshTraffic.Written input,
            BrokerProcess broker) throws IOException {
        Map<String, Object> config = new StreamsConfig(appSettings).getMainConsumerConfigs(
                appSettings.getProperty(StreamsConfig.APPLICATION_ID_CONFIG), "plain-consumer-limit", 0);
        // Assigned, not subscribed: no group to join, and Streams' assignor would want its own internals.
        config.remove(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        Resources resources = Resources.start(broker);
        long checksum = 0;
        long records = 0;
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (!partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    checksum += touch(record.key()) + touch(record.value());
                    records++;
                }
            }
            if (records != input.records()) {
                throw new IllegalStateException(name + ": read " + records + " records, expected " + input.records());
            }
            Measurement measurement = resources.stop(name, input, -1);
            // Printed, so the sum of the bytes is used and the JIT cannot drop the loop that makes it.
            System.out.printf("%s: checksum %x%n", name, checksum);
            return measurement;
        }
    }

    private static long touch(byte[] bytes) {
        if (bytes == null) {
            return 0;
        }
        long sum = 0;
        for (byte b : bytes) {
            sum += b;
        }
        return sum;
    }
}
