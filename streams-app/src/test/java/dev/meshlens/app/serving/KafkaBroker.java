package dev.meshlens.app.serving;

import dev.meshlens.app.demo.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real single-node KRaft broker ({@link EmbeddedKafka}, the demo's own) for the tests of one class: register it
 * as a static {@code @RegisterExtension} field. Its data lives in a temporary directory deleted afterwards.
 */
public final class KafkaBroker implements BeforeAllCallback, AfterAllCallback {
    private Path dataDir;
    private EmbeddedKafka kafka;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dataDir = Files.createTempDirectory("meshlens-it-kafka");
        kafka = EmbeddedKafka.start(dataDir, 0);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (kafka != null) {
                kafka.close();
            }
        } finally {
            EmbeddedKafka.deleteData(dataDir);
        }
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Creates each topic with the partitions given: name, count, name, count... */
    public void createTopics(Map<String, Integer> partitionsByTopic) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
            admin.createTopics(partitionsByTopic.entrySet().stream()
                    .map(e -> new NewTopic(e.getKey(), e.getValue(), (short) 1)).toList()).all().get();
        }
    }

    /** Sends every record and waits until the broker has acknowledged all of them. */
    public void send(List<ProducerRecord<String, byte[]>> records) throws ExecutionException, InterruptedException {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new ByteArraySerializer())) {
            List<java.util.concurrent.Future<?>> sent = records.stream().<java.util.concurrent.Future<?>>map(producer::send)
                    .toList();
            producer.flush();
            for (java.util.concurrent.Future<?> ack : sent) {
                ack.get();
            }
            producer.close(Duration.ofSeconds(10));
        }
    }
}
