package dev.meshlens.app.it;

import java.time.Duration;
import kafka.server.BrokerServer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/** A real KRaft broker (combined broker and controller) inside the test JVM, from Kafka's own test kit. */
final class InProcessBroker implements KafkaBroker {
    private final KafkaClusterTestKit cluster;

    private InProcessBroker(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    static InProcessBroker start() throws Exception {
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .setCombined(true)
                .build());
        SINGLE_NODE.forEach(builder::setConfigProp);
        KafkaClusterTestKit cluster = builder.build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new InProcessBroker(cluster);
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    @Override
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /**
     * Stops the broker (the controller of the combined node stays up), keeps it down for {@code down}, and
     * starts it again on the same port, with the same logs: what clients see of a broker pod restart.
     */
    void restart(Duration down) throws Exception {
        BrokerServer broker = cluster.brokers().values().iterator().next();
        broker.shutdown();
        broker.awaitShutdown();
        Thread.sleep(down.toMillis());
        broker.startup();
        cluster.waitForReadyBrokers();
    }

    @Override
    public String description() {
        return "in-process KRaft broker at " + bootstrapServers();
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
