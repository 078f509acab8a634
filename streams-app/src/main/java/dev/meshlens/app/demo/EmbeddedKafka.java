package dev.meshlens.app.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one process) listening on localhost, so
 * that real clients (kcat, Fluent Bit) can connect. Its data lives under one directory; started on an
 * existing directory it resumes with the same cluster id and topics.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final String CLUSTER_ID_FILE = "cluster-id";

    private final KafkaClusterTestKit cluster;

    private EmbeddedKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    /** Starts a broker on {@code port} (0: any free port) with its data in {@code dataDir}. */
    public static EmbeddedKafka start(Path dataDir, int port) throws Exception {
        Files.createDirectories(dataDir);
        Path idFile = dataDir.resolve(CLUSTER_ID_FILE);
        boolean resume = Files.isRegularFile(idFile);
        String clusterId = resume ? Files.readString(idFile, StandardCharsets.UTF_8).trim() : Uuid.randomUuid().toString();
        TestKitNodes nodes = new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1)
                .setBaseDirectory(dataDir).setClusterId(clusterId).build();
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes).setDeleteOnClose(false);
        // One broker: internal topics cannot have more replicas than that.
        Map<String, Object> single = Map.of(
                "listeners", "EXTERNAL://localhost:" + port + ",CONTROLLER://localhost:0",
                "offsets.topic.replication.factor", "1",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "group.initial.rebalance.delay.ms", "0",
                "auto.create.topics.enable", "false");
        single.forEach(builder::setConfigProp);
        KafkaClusterTestKit cluster = builder.build();
        try {
            if (!resume) {
                cluster.format();
                Files.writeString(idFile, clusterId, StandardCharsets.UTF_8);
            }
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return new EmbeddedKafka(cluster);
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }

    /** Deletes a data directory left by an earlier run. */
    public static void deleteData(Path dataDir) throws IOException {
        if (!Files.exists(dataDir)) {
            return;
        }
        try (var paths = Files.walk(dataDir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
