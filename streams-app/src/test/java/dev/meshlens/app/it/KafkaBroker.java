package dev.meshlens.app.it;

import java.util.Map;
import org.testcontainers.DockerClientFactory;

/** A running single-node Kafka broker: in a container where a Docker engine answers, else in this JVM. */
interface KafkaBroker extends AutoCloseable {
    /**
     * Broker settings for a cluster of one: internal topics cannot have three replicas here, and the first
     * consumer group need not wait for more members to join.
     */
    Map<String, String> SINGLE_NODE = Map.of(
            "offsets.topic.replication.factor", "1",
            "offsets.topic.num.partitions", "1",
            "transaction.state.log.replication.factor", "1",
            "transaction.state.log.min.isr", "1",
            "transaction.state.log.num.partitions", "1",
            "group.initial.rebalance.delay.ms", "0");

    String bootstrapServers();

    /** How the broker runs, for logs and failure messages. */
    String description();

    static KafkaBroker start() throws Exception {
        return DockerClientFactory.instance().isDockerAvailable() ? ContainerBroker.start() : InProcessBroker.start();
    }
}
