package dev.meshlens.app.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.meshlens.app.serving.Http;
import dev.meshlens.diagnosis.Cause;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The input the fault tests stream while something breaks: some eleven thousand lines of every hop over two
 * windows, with three causes well past their alert rule (mesh-failure: 5 requests and 5%;
 * application-errors: 50 and 20%) and one that never reaches a rule's minimum count.
 */
final class FaultPlan {
    private static final Duration STRIKE_TIMEOUT = Duration.ofSeconds(120);

    /** The alert keys (service|direction|cause) the plan fires, whatever order partials arrive in. */
    static final List<String> ALERTS = List.of(
            key(Hop.PRODUCTPAGE_TO_REVIEWS, Cause.MTLS_MISMATCH),
            key(Hop.REVIEWS_INBOUND, Cause.APPLICATION_ERROR),
            key(Hop.REVIEWS_TO_RATINGS, Cause.CIRCUIT_BREAKER_OVERFLOW)).stream().sorted().toList();

    private FaultPlan() {
    }

    static Traffic traffic(String topic, long firstWindowStart) {
        return Traffic.to(topic, firstWindowStart, Deployment.WINDOW)
                .add(Hop.PRODUCTPAGE_TO_REVIEWS, Outcome.SERVED, 0, 2000)
                .add(Hop.PRODUCTPAGE_TO_REVIEWS, Outcome.TLS_MISMATCH, 0, 200) // 200 of 2200: fires
                .add(Hop.PRODUCTPAGE_TO_REVIEWS, Outcome.SERVED, 1, 1500)
                .add(Hop.REVIEWS_INBOUND, Outcome.SERVED, 0, 1200)
                .add(Hop.REVIEWS_INBOUND, Outcome.APPLICATION_ERROR, 0, 400) // 400 of 1600: fires
                .add(Hop.REVIEWS_TO_RATINGS, Outcome.SERVED, 0, 1000)
                .add(Hop.REVIEWS_TO_RATINGS, Outcome.SERVED, 1, 1000)
                .add(Hop.REVIEWS_TO_RATINGS, Outcome.OVERFLOW, 1, 120) // 120 of 1120: fires
                .add(Hop.PRODUCTPAGE_TO_DETAILS, Outcome.SERVED, 0, 800)
                .add(Hop.PRODUCTPAGE_TO_DETAILS, Outcome.TIMEOUT, 1, 4) // under 5: never
                .add(Hop.GATEWAY_TO_PRODUCTPAGE, Outcome.SERVED, 0, 1400)
                .add(Hop.GATEWAY_TO_PRODUCTPAGE, Outcome.SERVED, 1, 1400)
                .build();
    }

    /** What a test breaks, while input streams in. */
    @FunctionalInterface
    interface Fault {
        void strike() throws Exception;
    }

    /**
     * Streams {@code traffic} in batches and strikes once the deployment has committed a third of it (the
     * rest, or part of it, still to come); returns when all is sent, so what follows runs after the fault.
     */
    static void streamAndStrike(KafkaCluster kafka, Deployment deployment, Traffic traffic, Fault fault)
            throws Exception {
        List<ProducerRecord<byte[], byte[]>> records = traffic.records();
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
            try {
                Topics.trickle(kafka, records);
            } catch (InterruptedException | ExecutionException e) {
                throw new CompletionException(e);
            }
        });
        long committed = Waits.until("a third of the input to be committed", STRIKE_TIMEOUT,
                deployment::committedInput, n -> n >= records.size() / 3);
        fault.strike();
        System.out.printf("%s: struck after %d of %d records were committed%n", deployment.applicationId, committed,
                records.size());
        sending.join();
    }

    /**
     * Once all input is committed, sends the quiet window that resolves the alerts, then checks that every
     * line counted once (REST API, plan and {@code meshlens diagnose} agree) and every alert episode is on
     * the alert topic once: fired once, resolved once.
     */
    static void assertNothingLostOrDoubled(KafkaCluster kafka, Deployment deployment, Http http, Path dir,
            Traffic traffic, long firstWindowStart) throws Exception {
        deployment.awaitDrained();
        Traffic quiet = Traffic.quietLater(deployment.inputTopic, firstWindowStart);
        Topics.send(kafka, quiet.records());
        deployment.awaitDrained();
        Reconciliation.assertReconciled(http, dir, traffic, quiet);
        assertEquals(AlertEpisodes.firedAndResolvedOnce(ALERTS),
                AlertEpisodes.read(kafka, deployment.alertTopic, STRIKE_TIMEOUT), "alert episodes, read_committed");
    }

    private static String key(Hop hop, Cause cause) {
        return hop.service + '|' + hop.direction.id() + '|' + cause.id();
    }
}
