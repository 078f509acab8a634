package dev.meshlens.app.it;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;

/** The broker the integration tests share, with one Admin client and the look-ups the tests need. */
public final class KafkaCluster implements AutoCloseable {
    private static final long ADMIN_TIMEOUT_SECONDS = 30;

    private final KafkaBroker broker;
    private final Admin admin;

    private KafkaCluster(KafkaBroker broker) {
        this.broker = broker;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    static KafkaCluster start() throws Exception {
        return new KafkaCluster(KafkaBroker.start());
    }

    /** A broker of its own in this JVM, whatever Docker offers: one that {@link #restartBroker} can restart. */
    static KafkaCluster startInProcess() throws Exception {
        return new KafkaCluster(InProcessBroker.start());
    }

    /** Restarts the broker of a cluster from {@link #startInProcess}, down for {@code down}. */
    void restartBroker(Duration down) throws Exception {
        ((InProcessBroker) broker).restart(down);
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public Admin admin() {
        return admin;
    }

    /** Creates each topic with {@code partitions} partitions (one replica: the cluster has one broker). */
    public void createTopics(int partitions, String... names) {
        List<NewTopic> topics = Arrays.stream(names).map(name -> new NewTopic(name, partitions, (short) 1)).toList();
        await(admin.createTopics(topics).all().toCompletionStage().toCompletableFuture(), "create " + List.of(names));
    }

    /** Sets one of {@code topic}'s configs (say, a {@code max.message.bytes} above the broker's default). */
    public void setTopicConfig(String topic, String name, String value) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        AlterConfigOp set = new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET);
        await(admin.incrementalAlterConfigs(Map.of(resource, List.of(set))).all().toCompletionStage()
                .toCompletableFuture(), "set " + name + " of " + topic);
    }

    /** The next offset of every partition of {@code topic}: the log end, which counts transaction markers too. */
    public Map<TopicPartition, Long> endOffsets(String topic) {
        TopicDescription description = await(admin.describeTopics(List.of(topic)).topicNameValues().get(topic)
                .toCompletionStage().toCompletableFuture(), "describe " + topic);
        Map<TopicPartition, OffsetSpec> latest = description.partitions().stream()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
        return await(admin.listOffsets(latest).all().toCompletionStage().toCompletableFuture(), "end offsets of " + topic)
                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** The offsets {@code groupId} has committed, by partition; a partition it never committed is absent. */
    public Map<TopicPartition, Long> committedOffsets(String groupId) {
        Map<TopicPartition, OffsetAndMetadata> committed = await(admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().toCompletionStage().toCompletableFuture(), "offsets of group " + groupId);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        committed.forEach((partition, offset) -> {
            if (offset != null) {
                offsets.put(partition, offset.offset());
            }
        });
        return offsets;
    }

    public String description() {
        return broker.description();
    }

    private static <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + what, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("admin request failed: " + what, e);
        }
    }

    @Override
    public void close() throws Exception {
        try (broker) {
            admin.close(Duration.ofSeconds(10));
        }
    }
}
