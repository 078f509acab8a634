package dev.meshlens.benchmarks.latency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshlens.benchmarks.rig.SyntheticMesh;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Produce-to-alert: every 1-3 s, a burst of {@code BURST} no-healthy-upstream failures to a service never seen
 * before, all with one start time (so one window). Under the built-in rule {@code mesh-failure} (at least 5
 * failures and 5 % of the service's requests in one window) the window breaches when its count reaches 5,
 * and the evaluator fires then, not at window close. A sample is the delay from the burst's first send to
 * the FIRING alert for that service read from the alert topic by a {@code read_committed} consumer, which is
 * what a user's consumer sees (the app writes alerts in its exactly-once transactions).
 */
final class AlertProbe implements Runnable {
    static final int BURST = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaProducer<byte[], byte[]> producer;
    private final String inputTopic;
    private final String alertTopic;
    private final String bootstrapServers;
    private final SyntheticMesh bursts = new SyntheticMesh("burst");
    private final long endMillis;
    private final Map<String, Long> producedAt = new ConcurrentHashMap<>();
    private final List<Long> samples = new ArrayList<>();
    private int sentBursts;

    AlertProbe(KafkaProducer<byte[], byte[]> producer, String inputTopic, String alertTopic, String bootstrapServers,
            long endMillis) {
        this.producer = producer;
        this.inputTopic = inputTopic;
        this.alertTopic = alertTopic;
        this.bootstrapServers = bootstrapServers;
        this.endMillis = endMillis;
    }

    @Override
    public void run() {
        Thread sender = new Thread(this::sendBursts, "alert-bursts");
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            // Positioned at the end before the first burst, so that no alert of a burst can be skipped.
            List<TopicPartition> partitions = consumer.partitionsFor(alertTopic).stream()
                    .map(p -> new TopicPartition(alertTopic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            sender.start();
            // Alerts of the last bursts may come up to a few seconds after the last send.
            while (System.currentTimeMillis() < endMillis + 10_000 && samples.size() < expected(sender)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                    long receivedAt = System.currentTimeMillis();
                    JsonNode alert = JSON.readTree(record.value());
                    Long sent = producedAt.remove(alert.get("service").asText());
                    if (sent != null && alert.get("state").asText().equals("FIRING")) {
                        samples.add(receivedAt - sent);
                    }
                }
            }
            sender.join();
        } catch (Exception e) {
            throw new IllegalStateException("alert probe failed", e);
        }
    }

    /** Bursts whose alert is still due: unbounded while the sender runs. */
    private synchronized long expected(Thread sender) {
        return sender.isAlive() ? Long.MAX_VALUE : sentBursts;
    }

    private void sendBursts() {
        try {
            for (int i = 0; System.currentTimeMillis() < endMillis; i++) {
                String service = bursts.service(i);
                byte[] key = ("burst-pod-" + i).getBytes(StandardCharsets.UTF_8);
                long start = System.currentTimeMillis();
                producedAt.put(service, start);
                for (int n = 0; n < BURST; n++) {
                    producer.send(new ProducerRecord<>(inputTopic, key,
                            bursts.failed(i, SyntheticMesh.FAILURES.get(0), start)));
                }
                synchronized (this) {
                    sentBursts++;
                }
                Thread.sleep(ThreadLocalRandom.current().nextLong(1000, 3000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Produce-to-alert delays, ms. */
    List<Long> samples() {
        return samples;
    }

    int bursts() {
        return sentBursts;
    }
}
