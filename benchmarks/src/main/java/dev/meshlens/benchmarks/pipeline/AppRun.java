package dev.meshlens.benchmarks.pipeline;

import dev.meshlens.app.demo.EmbeddedKafka;
import dev.meshlens.app.pipeline.MeshLensApp;
import dev.meshlens.app.pipeline.PipelineSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The MeshLens pipeline ({@link MeshLensApp}, no HTTP side) from offset 0 with a fresh application.id, timed
 * from its start until its group has committed every input partition up to its end offset, and every partial
 * it forwarded has been merged downstream (the repartition topic consumed to its end as well).
 */
final class AppRun {
    private static final long POLL_MILLIS = 100;
    private static final String PARTIALS_FORWARDED = "meshlens.partials.forwarded";
    private static final String RECORDS_IN = "meshlens.records.in";

    private AppRun() {
    }

    /** Runs the app with {@code settings} (application.id, guarantee and all) over the input they name. */
    static Measurement run(String name, Properties settings, String inputTopic, MeshTraffic.Written input,
            BrokerProcess broker) throws IOException, InterruptedException, ExecutionException {
        String applicationId = settings.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        Path stateDir = Files.createTempDirectory("meshlens-pipeline-state");
        Properties withState = new Properties();
        withState.putAll(settings);
        withState.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            Map<TopicPartition, Long> inputEnds = endOffsets(admin, inputTopic);
            Resources resources = Resources.start(broker);
            try (MeshLensApp app = new MeshLensApp(PipelineSettings.from(withState), registry).start()) {
                awaitCommitted(admin, applicationId, inputEnds);
                long forwarded = (long) registry.get(PARTIALS_FORWARDED).counter().count();
                String repartition = applicationId + "-partials-by-service-repartition";
                awaitCommitted(admin, applicationId, endOffsets(admin, repartition));
                long in = (long) registry.get(RECORDS_IN).counter().count();
                if (in < input.records()) {
                    throw new IllegalStateException(name + ": the app counted " + in + " records in, expected " + input.records());
                }
                return resources.stop(name, input, forwarded);
            }
        } finally {
            EmbeddedKafka.deleteData(stateDir);
        }
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic)
            throws InterruptedException, ExecutionException {
        List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(
                partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get();
        return ends.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /**
     * Until the group's committed offsets reach {@code ends}. Kafka Streams commits a fully read partition's
     * position, past the last transaction marker too, so "done" is exactly "at the end offset" under both guarantees.
     */
    private static void awaitCommitted(Admin admin, String group, Map<TopicPartition, Long> ends)
            throws InterruptedException, ExecutionException {
        while (true) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            boolean done = ends.entrySet().stream().allMatch(e -> {
                OffsetAndMetadata offset = committed.get(e.getKey());
                return e.getValue() == 0 || offset != null && offset.offset() >= e.getValue();
            });
            if (done) {
                return;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
