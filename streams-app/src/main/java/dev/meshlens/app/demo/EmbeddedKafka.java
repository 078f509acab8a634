package dev.meshlens.app.demo;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one server) listening on localhost, so
 * that real clients (kcat, Fluent Bit) can connect. Its data lives under one directory: started on a
 * directory an earlier run formatted, it resumes with the same cluster and topics.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final int NODE_ID = 1;
    private static final String CLUSTER_ID_FILE = "cluster-id";
    private static final String DEMO_MARKER = ".meshlens-demo";

    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /** Starts a broker on {@code port} (0: any free port) with its data in {@code dataDir}. */
    public static EmbeddedKafka start(Path dataDir, int port) throws Exception {
        Path logDir = dataDir.resolve("log").toAbsolutePath();
        Files.createDirectories(logDir);
        int brokerPort = port == 0 ? freePort() : port;
        int controllerPort = freePort();
        Properties props = new Properties();
        props.putAll(Map.of(
                "process.roles", "broker,controller",
                "node.id", Integer.toString(NODE_ID),
                "controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort,
                "listeners", "PLAINTEXT://localhost:" + brokerPort + ",CONTROLLER://localhost:" + controllerPort,
                "advertised.listeners", "PLAINTEXT://localhost:" + brokerPort,
                "controller.listener.names", "CONTROLLER",
                "listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name", "PLAINTEXT",
                "log.dirs", logDir.toString()));
        // One broker: internal topics cannot have more replicas than that.
        props.putAll(Map.of(
                "offsets.topic.replication.factor", "1",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "share.coordinator.state.topic.replication.factor", "1",
                "share.coordinator.state.topic.min.isr", "1",
                "group.initial.rebalance.delay.ms", "0",
                "auto.create.topics.enable", "false",
                "log.retention.hours", "24"));
        KafkaConfig config = new KafkaConfig(props);
        Path idFile = dataDir.resolve(CLUSTER_ID_FILE);
        if (!Files.isRegularFile(idFile)) {
            String clusterId = Uuid.randomUuid().toString();
            new Formatter().setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID).setClusterId(clusterId).setDirectories(java.util.List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString()).setControllerListenerName("CONTROLLER")
                    .setReleaseVersion(MetadataVersion.latestProduction()).run();
            Files.writeString(idFile, clusterId, StandardCharsets.UTF_8);
        }
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        String bootstrap = "localhost:" + brokerPort;
        try {
            awaitReady(bootstrap);
        } catch (Exception e) {
            server.shutdown();
            throw e;
        }
        return new EmbeddedKafka(server, bootstrap);
    }

    /** Marks {@code dataDir} as the demo's, so a later clean start may delete it. */
    public static void markDemoData(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        Path marker = dataDir.resolve(DEMO_MARKER);
        if (!Files.exists(marker)) {
            Files.writeString(marker, "Written by meshlens demo: this directory is deleted on a start without --resume.\n");
        }
    }

    /** True when {@code dataDir} is absent, empty, or an earlier demo's. */
    public static boolean isDemoData(Path dataDir) throws IOException {
        if (!Files.exists(dataDir)) {
            return true;
        }
        if (Files.isRegularFile(dataDir.resolve(DEMO_MARKER))) {
            return true;
        }
        try (var entries = Files.list(dataDir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void awaitReady(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.describeCluster().nodes().get(Duration.ofMinutes(1).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    /** Deletes a data directory and all it holds; callers check {@link #isDemoData} first. */
    public static void deleteData(Path dataDir) throws IOException {
        if (!Files.exists(dataDir)) {
            return;
        }
        try (var paths = Files.walk(dataDir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
