package dev.meshlens.app.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writing test input and reading a topic back in full, with Kafka's own clients. */
final class Topics {
    private static final Duration POLL = Duration.ofMillis(200);

    private Topics() {
    }

    /** Sends every record, acknowledged by the broker, and returns where each one landed, in order. */
    static List<RecordMetadata> send(KafkaCluster kafka, List<ProducerRecord<byte[], byte[]>> records)
            throws InterruptedException, ExecutionException {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        // One batch in flight per partition: when the broker restarts under a send (BrokerRestartIT), a batch it
        // wrote but never acknowledged is retried as the partition's last one, which the restarted broker still
        // knows as a duplicate. With five in flight, a retried earlier batch met OutOfOrderSequenceException until
        // its delivery timeout (seen once, 2026-11-25).
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        // Room for a record over the broker's default limit, for a topic whose max.message.bytes allows it.
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(2 * PoisonRecords.HUGE));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
            records.forEach(record -> sent.add(producer.send(record)));
            producer.flush();
            List<RecordMetadata> landed = new ArrayList<>(sent.size());
            for (Future<RecordMetadata> future : sent) {
                landed.add(future.get());
            }
            return landed;
        }
    }

    /** Sends in batches of a hundred, each acknowledged before the next: input that arrives while the app runs. */
    static void trickle(KafkaCluster kafka, List<ProducerRecord<byte[], byte[]>> records)
            throws InterruptedException, ExecutionException {
        for (int from = 0; from < records.size(); from += 100) {
            send(kafka, records.subList(from, Math.min(records.size(), from + 100)));
        }
    }

    /**
     * Every committed record of {@code topic}, as a read_committed consumer sees it: the records of aborted
     * transactions and the transaction markers are left out. Reads up to the end offsets of when it starts.
     */
    static List<ConsumerRecord<byte[], byte[]>> readCommitted(KafkaCluster kafka, String topic, Duration timeout) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // For a read_committed consumer these are the last stable offsets: no open transaction is waited for.
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p))) {
                if (System.nanoTime() - deadline >= 0) {
                    throw new AssertionError("timed out after " + timeout + " reading " + topic + " up to " + end
                            + "; read " + records.size() + " records");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() < end.get(new TopicPartition(topic, record.partition()))) {
                        records.add(record);
                    }
                }
            }
            return records;
        }
    }
}
