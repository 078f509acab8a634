package dev.meshlens.app.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshlens.app.alerts.Alert;
import dev.meshlens.app.alerts.JsonSerde;
import dev.meshlens.app.pipeline.MeshLensApp;
import dev.meshlens.app.pipeline.ServiceWindow;
import dev.meshlens.app.pipeline.ServiceWindowSerde;
import dev.meshlens.diagnosis.Cause;
import dev.meshlens.diagnosis.CauseRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real pipeline on a real broker: a backlog of Fluent Bit records (some keyed by pod, most not) and
 * poison records on a 4-partition topic, read by {@link MeshLensApp} with exactly-once v2 on two stream
 * threads. Then every line must be counted once in its window, every poison record must be on the
 * dead-letter topic once, the alert topic must hold exactly the alerts the plan breaches (and their
 * resolution, once later lines close quiet windows), and the repartition must carry partials, not lines.
 */
@ExtendWith(KafkaClusterExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineIT {
    private static final int INPUT_PARTITIONS = 4;
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration READ = Duration.ofSeconds(30);
    private static final long WINDOW = Deployment.WINDOW.toMillis();
    private static final long W0 = Deployment.firstWindowStart();
    private static final long W1 = W0 + WINDOW;
    private static final DateTimeFormatter ALERT_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /**
     * Thresholds of the built-in rules: mesh-failure fires at 5 requests and 5% of the direction's requests,
     * application-errors at 50 and 20%. Every cause below is either well past its rule in its final count (an
     * alert, whatever the order the partials arrive in) or under the minimum count in every window (never).
     */
    private static Traffic plan(String topic) {
        return Traffic.to(topic, W0, Deployment.WINDOW)
                .add(Hop.PRODUCTPAGE_TO_REVIEWS, Outcome.SERVED, 0, 600)
                .add(Hop.PRODUCTPAGE_TO_REVIEWS, Outcome.TLS_MISMATCH, 0, 60) // 60 of 660: fires
                .add(Hop.PRODUCTPAGE_TO_REVIEWS, Outcome.SERVED, 1, 500)
                .add(Hop.REVIEWS_INBOUND, Outcome.SERVED, 0, 400)
                .add(Hop.REVIEWS_INBOUND, Outcome.APPLICATION_ERROR, 0, 120) // 120 of 520: fires
                .add(Hop.REVIEWS_INBOUND, Outcome.SERVED, 1, 300)
                .add(Hop.REVIEWS_TO_RATINGS, Outcome.SERVED, 0, 500)
                .add(Hop.REVIEWS_TO_RATINGS, Outcome.NO_HEALTHY_UPSTREAM, 0, 4) // under 5: never
                .add(Hop.REVIEWS_TO_RATINGS, Outcome.REFUSED, 0, 3) // under 5: never
                .add(Hop.REVIEWS_TO_RATINGS, Outcome.SERVED, 1, 300)
                .add(Hop.REVIEWS_TO_RATINGS, Outcome.OVERFLOW, 1, 40) // 40 of 340: fires
                .add(Hop.PRODUCTPAGE_TO_DETAILS, Outcome.SERVED, 0, 400)
                .add(Hop.PRODUCTPAGE_TO_DETAILS, Outcome.CLIENT_GONE, 0, 80) // no rule watches it: never
                .add(Hop.PRODUCTPAGE_TO_DETAILS, Outcome.SERVED, 1, 200)
                .add(Hop.PRODUCTPAGE_TO_DETAILS, Outcome.TIMEOUT, 1, 2) // under 5: never
                .add(Hop.GATEWAY_TO_PRODUCTPAGE, Outcome.SERVED, 0, 300)
                .add(Hop.GATEWAY_TO_PRODUCTPAGE, Outcome.SERVED, 1, 300)
                .add(Hop.GATEWAY_TO_PRODUCTPAGE, Outcome.TIMEOUT, 1, 30) // 30 of 330: fires
                .build();
    }

    /** The alerts the plan must fire, once each: (service, direction, cause) in one window, by rule. */
    private static final List<ExpectedAlert> EXPECTED_ALERTS = List.of(
            new ExpectedAlert(Hop.PRODUCTPAGE_TO_REVIEWS, Cause.MTLS_MISMATCH, W0, "mesh-failure", "critical"),
            new ExpectedAlert(Hop.REVIEWS_INBOUND, Cause.APPLICATION_ERROR, W0, "application-errors", "warning"),
            new ExpectedAlert(Hop.REVIEWS_TO_RATINGS, Cause.CIRCUIT_BREAKER_OVERFLOW, W1, "mesh-failure", "critical"),
            new ExpectedAlert(Hop.GATEWAY_TO_PRODUCTPAGE, Cause.UPSTREAM_TIMEOUT, W1, "mesh-failure", "critical"));

    record ExpectedAlert(Hop hop, Cause cause, long windowStart, String rule, String severity) {
        String key() {
            return hop.service + '|' + hop.direction.id() + '|' + cause.id();
        }
    }

    private Deployment deployment;
    private Traffic traffic;
    private Traffic quiet;
    private List<PoisonRecords.Poison> poison;
    private List<RecordMetadata> poisonSent;
    private MeshLensApp app;
    private List<ConsumerRecord<byte[], byte[]>> partials;

    @BeforeAll
    void runThePipelineOnABacklog(KafkaCluster kafka, @TempDir Path stateDir)
            throws IOException, ExecutionException, InterruptedException {
        deployment = new Deployment(kafka, "pipeline-it", INPUT_PARTITIONS);
        traffic = plan(deployment.inputTopic);
        poison = PoisonRecords.all(W0);
        List<ProducerRecord<byte[], byte[]>> input = new ArrayList<>(traffic.records());
        poison.forEach(p -> input.add(p.to(deployment.inputTopic)));
        List<RecordMetadata> sent = Topics.send(kafka, input);
        poisonSent = sent.subList(traffic.records().size(), sent.size());

        app = deployment.instance(stateDir, Map.of(
                // Two threads share the topology's objects, as on any multi-core pod.
                StreamsConfig.NUM_STREAM_THREADS_CONFIG, "2",
                // Kafka Streams deletes repartition records once committed; keep them here so they can be counted.
                StreamsConfig.REPARTITION_PURGE_INTERVAL_MS_CONFIG, Long.toString(Long.MAX_VALUE),
                // Only commits flush the pre-aggregation buffer, so that each transaction's partials can be checked.
                "meshlens.flush.interval", "1h")).start();
        Deployment.awaitRunning(STARTUP, app);
        deployment.awaitDrained();
        // Only now: sent with the backlog, a quiet line read first would close the backlog's windows.
        quiet = Traffic.quietLater(deployment.inputTopic, W0);
        Topics.send(kafka, quiet.records());
        partials = deployment.awaitDrained();
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void countsEveryLineOnceInTheWindowOfItsStartTime() {
        Map<Traffic.Count, Long> counted = Waits.until("the window store to be queryable", READ,
                () -> WindowCounts.ofActiveTasks(app.streams()), counts -> true);
        assertEquals(Traffic.expectedCounts(traffic, quiet), counted);
    }

    @Test
    void sendsEachPoisonRecordToTheDeadLetterTopicOnceWithWhyAndWhere() {
        DeadLetterChecks.assertEachOnceWithWhyAndWhere(deployment, poison, poisonSent, READ);
    }

    @Test
    void firesExactlyTheAlertsThePlanBreachesOnceAndResolvesThemWhenQuiet() {
        List<ConsumerRecord<byte[], byte[]>> records = Topics.readCommitted(deployment.kafka(), deployment.alertTopic, READ);
        JsonSerde<Alert> serde = new JsonSerde<>(Alert.class);
        // One key, one partition: each alert's records in the order they were written.
        Map<String, List<Alert>> byKey = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            assertEquals(List.of(), JsonContract.ALERT.violations(record.value()),
                    () -> "contract: " + new String(record.value(), StandardCharsets.UTF_8));
            byKey.computeIfAbsent(new String(record.key(), StandardCharsets.UTF_8), key -> new ArrayList<>())
                    .add(serde.deserializer().deserialize(record.topic(), record.value()));
        }
        assertEquals(EXPECTED_ALERTS.stream().map(ExpectedAlert::key).sorted().toList(), List.copyOf(byKey.keySet()));
        for (ExpectedAlert expected : EXPECTED_ALERTS) {
            List<Alert> transitions = byKey.get(expected.key());
            assertEquals(List.of(Alert.State.FIRING, Alert.State.RESOLVED),
                    transitions.stream().map(Alert::state).toList(), () -> expected.key() + ": " + transitions);
            Alert firing = transitions.get(0);
            assertFiring(expected, firing);
            String quietEnd = ALERT_TIME.format(Instant.ofEpochMilli(expected.windowStart() + 2 * WINDOW));
            assertEquals(resolved(firing, quietEnd), transitions.get(1), expected.key());
        }
    }

    /** The RESOLVED record of an episode: its FIRING record, resolved at {@code at}. */
    private static Alert resolved(Alert f, String at) {
        return new Alert(f.id(), Alert.State.RESOLVED, f.rule(), f.severity(), f.service(), f.direction(), f.cause(),
                f.title(), f.hint(), f.windowStart(), f.windowEnd(), f.count(), f.requests(), f.ratio(),
                f.topUpstreamHosts(), f.sampleRequestId(), f.firingSince(), at);
    }

    private void assertFiring(ExpectedAlert expected, Alert alert) {
        String since = ALERT_TIME.format(Instant.ofEpochMilli(expected.windowStart()));
        assertEquals(Alert.State.FIRING, alert.state(), expected.key());
        assertEquals(expected.key() + "|" + since, alert.id());
        assertEquals(expected.rule(), alert.rule(), expected.key());
        assertEquals(expected.severity(), alert.severity(), expected.key());
        assertEquals(expected.hop().service, alert.service(), expected.key());
        assertEquals(expected.hop().direction.id(), alert.direction(), expected.key());
        assertEquals(expected.cause().id(), alert.cause(), expected.key());
        assertEquals(CauseRules.builtIn().info(expected.cause()).title(), alert.title(), expected.key());
        assertEquals(since, alert.windowStart(), expected.key());
        assertEquals(ALERT_TIME.format(Instant.ofEpochMilli(expected.windowStart() + WINDOW)), alert.windowEnd(),
                expected.key());
        assertEquals(since, alert.firingSince(), expected.key());
        assertNull(alert.resolvedAt(), expected.key());
        // Fired at the first update that breached: the counts may be those of part of the window, never more.
        long inWindow = traffic.expectedCounts().get(new Traffic.Count(expected.hop().service, expected.hop().direction,
                expected.cause(), expected.windowStart()));
        assertTrue(alert.count() >= 5 && alert.count() <= inWindow, () -> expected.key() + ": count " + alert.count());
        assertTrue(alert.requests() >= alert.count(), () -> expected.key() + ": requests " + alert.requests());
        assertEquals((double) alert.count() / alert.requests(), alert.ratio(), 1e-9, expected.key());
        assertEquals(expected.hop().upstreamHost, alert.topUpstreamHosts().get(0).key(), expected.key());
        assertNotNull(alert.sampleRequestId(), expected.key());
    }

    /**
     * Each commit is one transaction per stream thread, and with the flush interval out of reach only commits
     * flush the pre-aggregation buffer: so a transaction carries at most one partial per (service, window) from
     * each task, whatever the load makes of the number of commits. The records one transaction writes to a
     * repartition partition are bounded by transaction markers, which a read_committed consumer skips (gaps in
     * the offsets), and each producer has at most one transaction between two markers. A line-per-record
     * repartition would carry one record per line of the commit (hundreds of one key here).
     */
    @Test
    void repartitionsPartialAggregatesNotLines() {
        ServiceWindowSerde serde = new ServiceWindowSerde();
        Map<String, Long> requests = new TreeMap<>();
        Map<Integer, List<ConsumerRecord<byte[], byte[]>>> byPartition = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : partials) {
            ServiceWindow partial = serde.deserializer().deserialize(record.topic(), record.value());
            assertEquals(partial.service(), new String(record.key(), StandardCharsets.UTF_8), "keyed by its service");
            requests.merge(partial.service() + "@" + partial.windowStart(), partial.requests(), Long::sum);
            byPartition.computeIfAbsent(record.partition(), p -> new ArrayList<>()).add(record);
        }
        Map<String, Long> lines = new TreeMap<>();
        Traffic.expectedCounts(traffic, quiet).forEach((count, n) ->
                lines.merge(count.service() + "@" + count.windowStart(), n, Long::sum));
        assertEquals(lines, requests, "requests of each (service, window) in its partials");
        for (List<ConsumerRecord<byte[], byte[]>> records : byPartition.values()) {
            Map<String, Integer> inTransaction = new TreeMap<>();
            long previousOffset = -1;
            for (ConsumerRecord<byte[], byte[]> record : records) {
                if (record.offset() != previousOffset + 1) {
                    inTransaction.clear();
                }
                previousOffset = record.offset();
                ServiceWindow partial = serde.deserializer().deserialize(record.topic(), record.value());
                int times = inTransaction.merge(partial.service() + "@" + partial.windowStart(), 1, Integer::sum);
                assertTrue(times <= INPUT_PARTITIONS, () -> times + " partials of " + partial.service() + "@"
                        + partial.windowStart() + " in one transaction, up to offset " + record.offset() + " of "
                        + record.topic() + "-" + record.partition() + ": more than one per task");
            }
        }
    }
}
