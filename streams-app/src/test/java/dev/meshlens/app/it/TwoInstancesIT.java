package dev.meshlens.app.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshlens.app.pipeline.MeshLensApp;
import dev.meshlens.app.pipeline.MeshLensTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of one deployment (same application.id, each with its own state directory) share a 4-partition
 * input: each parses the partitions it was given and merges the services it was given, wherever their lines
 * were read. Their stores together must count every line exactly once, each window on the instance that
 * Kafka Streams' own metadata names for its service.
 */
@ExtendWith(KafkaClusterExtension.class)
class TwoInstancesIT {
    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final HostInfo A = new HostInfo("instance-a", 7001);
    private static final HostInfo B = new HostInfo("instance-b", 7002);
    /** The sub-topology that merges partials by service, after the repartition: its tasks own the windows. */
    private static final int MERGE_SUBTOPOLOGY = 1;

    @Test
    void countsEveryLineExactlyOnceAcrossTheInstances(KafkaCluster kafka, @TempDir Path stateDirs) throws Exception {
        Deployment deployment = new Deployment(kafka, "two-instances-it", 4);
        Traffic traffic = plan(deployment);

        try (MeshLensApp a = instance(deployment, stateDirs.resolve("a"), A);
                MeshLensApp b = instance(deployment, stateDirs.resolve("b"), B)) {
            a.start();
            b.start();
            Deployment.awaitRunning(STARTUP, a, b);
            Waits.until("both instances to own windows to merge", STARTUP,
                    () -> List.of(mergeTasks(a), mergeTasks(b)), owned -> owned.stream().noneMatch(Set::isEmpty));
            Topics.send(kafka, traffic.records());
            deployment.awaitDrained();

            Map<Traffic.Count, Long> onA = WindowCounts.ofActiveTasks(a.streams());
            Map<Traffic.Count, Long> onB = WindowCounts.ofActiveTasks(b.streams());
            assertFalse(onA.isEmpty() || onB.isEmpty(), () -> "one instance holds every window: " + onA + " / " + onB);
            Map<Traffic.Count, Long> merged = new TreeMap<>(onA);
            onB.forEach((count, n) -> merged.merge(count, n, Long::sum));
            assertEquals(traffic.expectedCounts(), merged);

            Map<String, HostInfo> answeredBy = new HashMap<>();
            onA.keySet().forEach(count -> answeredBy.put(count.service(), A));
            onB.keySet().forEach(count -> assertTrue(answeredBy.putIfAbsent(count.service(), B) != A,
                    () -> count.service() + " has windows on both instances"));
            for (Map.Entry<String, HostInfo> service : answeredBy.entrySet()) {
                KeyQueryMetadata owner = a.streams().queryMetadataForKey(MeshLensTopology.SERVICE_WINDOWS_STORE,
                        service.getKey(), Serdes.String().serializer());
                assertEquals(owner.activeHost(), service.getValue(), () -> "the instance holding " + service.getKey());
            }
        }
    }

    /**
     * Instance B joins while A works through the first third, and A leaves during the last: tasks move to B
     * when it joins and again, state and all, when A leaves; still no line is lost or counted twice.
     */
    @Test
    void countsEveryLineOnceWhileInstancesJoinAndLeave(KafkaCluster kafka, @TempDir Path stateDirs) throws Exception {
        Deployment deployment = new Deployment(kafka, "scaling-it", 4);
        Traffic traffic = plan(deployment);
        List<ProducerRecord<byte[], byte[]>> records = traffic.records();
        int third = records.size() / 3;
        try (MeshLensApp a = deployment.instance(stateDirs.resolve("a"), Map.of());
                MeshLensApp b = deployment.instance(stateDirs.resolve("b"), Map.of())) {
            a.start();
            Deployment.awaitRunning(STARTUP, a);
            Topics.trickle(kafka, records.subList(0, third));
            b.start();
            Topics.trickle(kafka, records.subList(third, 2 * third));
            Deployment.awaitRunning(STARTUP, a, b);
            a.close();
            Topics.trickle(kafka, records.subList(2 * third, records.size()));
            Deployment.awaitRunning(STARTUP, b);
            deployment.awaitDrained();
            Map<Traffic.Count, Long> counted = Waits.until("B's window store to be queryable", STARTUP,
                    () -> WindowCounts.ofActiveTasks(b.streams()), counts -> true);
            assertEquals(traffic.expectedCounts(), counted);
        }
    }

    /** A few thousand lines of every hop, two windows, some causes: each instance gets a share of each. */
    private static Traffic plan(Deployment deployment) {
        return Traffic.to(deployment.inputTopic, Deployment.firstWindowStart(), Deployment.WINDOW)
                .add(Hop.PRODUCTPAGE_TO_REVIEWS, Outcome.SERVED, 0, 900)
                .add(Hop.PRODUCTPAGE_TO_REVIEWS, Outcome.TLS_MISMATCH, 1, 60)
                .add(Hop.REVIEWS_INBOUND, Outcome.SERVED, 1, 600)
                .add(Hop.REVIEWS_INBOUND, Outcome.APPLICATION_ERROR, 0, 90)
                .add(Hop.REVIEWS_TO_RATINGS, Outcome.SERVED, 0, 600)
                .add(Hop.REVIEWS_TO_RATINGS, Outcome.NO_HEALTHY_UPSTREAM, 1, 30)
                .add(Hop.PRODUCTPAGE_TO_DETAILS, Outcome.SERVED, 1, 500)
                .add(Hop.PRODUCTPAGE_TO_DETAILS, Outcome.TIMEOUT, 0, 10)
                .add(Hop.GATEWAY_TO_PRODUCTPAGE, Outcome.SERVED, 0, 400)
                .add(Hop.GATEWAY_TO_PRODUCTPAGE, Outcome.CLIENT_GONE, 1, 20)
                .build();
    }

    private static MeshLensApp instance(Deployment deployment, Path stateDir, HostInfo endpoint) throws Exception {
        // An endpoint is only a name here: it is what the metadata for a key answers with.
        return deployment.instance(stateDir, Map.of(StreamsConfig.APPLICATION_SERVER_CONFIG,
                endpoint.host() + ":" + endpoint.port()));
    }

    /** The partitions of the merge sub-topology this instance runs active tasks for. */
    private static Set<Integer> mergeTasks(MeshLensApp app) {
        return app.streams().metadataForLocalThreads().stream()
                .map(ThreadMetadata::activeTasks).flatMap(Set::stream).map(TaskMetadata::taskId)
                .filter(task -> task.subtopology() == MERGE_SUBTOPOLOGY).map(task -> task.partition())
                .collect(Collectors.toSet());
    }
}
