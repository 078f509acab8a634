package dev.meshlens.benchmarks.rig;

import dev.meshlens.app.demo.EmbeddedKafka;
import dev.meshlens.app.pipeline.PipelineSettings;
import dev.meshlens.app.pipeline.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The single-node KRaft broker the app runs against (the demo's {@link EmbeddedKafka}, in the benchmark's JVM,
 * not the app's), with the topics {@code meshlens topics create} makes, and the offsets a benchmark watches.
 */
public final class BenchBroker implements AutoCloseable {
    private final EmbeddedKafka kafka;
    private final Admin admin;

    private BenchBroker(EmbeddedKafka kafka) {
        this.kafka = kafka;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    public static BenchBroker start(Path workDir) throws Exception {
        Path dataDir = workDir.resolve("kafka");
        Files.createDirectories(dataDir);
        return new BenchBroker(EmbeddedKafka.start(dataDir, 0));
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Input, dead-letter and alert topics named {@code prefix.*}, the input with {@code partitions} partitions. */
    public PipelineSettings createTopics(String prefix, int partitions) throws Exception {
        Properties names = new Properties();
        names.setProperty("meshlens.input.topic", prefix + ".input");
        names.setProperty("meshlens.dlq.topic", prefix + ".dlq");
        names.setProperty("meshlens.alerts.topic", prefix + ".alerts");
        PipelineSettings settings = PipelineSettings.from(names);
        admin.createTopics(Topics.of(settings).stream()
                .map(t -> t.newTopic(Optional.of(partitions), Optional.of((short) 1))).toList()).all().get();
        return settings;
    }

    /**
     * A producer set up as Fluent Bit's kafka output (librdkafka) is by default: 5 ms linger, not idempotent;
     * with lz4 and large batches for throughput. Not idempotent also because on this shared machine the
     * broker is sometimes slow enough for batches to time out, after which an idempotent producer and the
     * broker disagreed on sequence numbers and retried one batch forever (OutOfOrderSequenceException).
     */
    public KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Records written to {@code topic}, all partitions. */
    public long endOffset(String topic) throws Exception {
        List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        return admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                .all().get().values().stream().mapToLong(info -> info.offset()).sum();
    }

    /** The repartition topics Kafka Streams made for application {@code applicationId}. */
    public List<String> repartitionTopics(String applicationId) throws Exception {
        return admin.listTopics().names().get().stream()
                .filter(t -> t.startsWith(applicationId + "-") && t.endsWith("-repartition")).toList();
    }

    /** Records of {@code topic} that consumer group {@code group} has committed, all partitions. */
    public long committed(String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset()).sum();
    }

    @Override
    public void close() {
        admin.close();
        kafka.close();
    }
}
