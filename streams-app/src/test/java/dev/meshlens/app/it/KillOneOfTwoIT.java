package dev.meshlens.app.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshlens.app.serving.Http;
import dev.meshlens.diagnosis.Cause;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of {@code meshlens run}, each in its own JVM, share the work; one is killed with SIGKILL. The
 * survivor takes over its partitions and restores their state from the changelogs. Meanwhile the survivor's
 * REST API answers every question with the right numbers or with 503 and Retry-After, never with a listing
 * that misses a service or a window that misses a count; in the end it answers everything right by itself.
 */
@ExtendWith(KafkaClusterExtension.class)
class KillOneOfTwoIT {
    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final Duration TAKEOVER = Duration.ofSeconds(120);
    private static final List<Integer> ALL_PARTITIONS = List.of(0, 1, 2, 3);

    @Test
    void theSurvivorTakesOverAndItsApiNeverAnswersAWrongNumber(KafkaCluster kafka, @TempDir Path dir)
            throws Exception {
        Deployment deployment = new Deployment(kafka, "kill-one-of-two-it", ALL_PARTITIONS.size());
        long w0 = Deployment.firstWindowStart();
        Traffic traffic = FaultPlan.traffic(deployment.inputTopic, w0);
        Map<String, String> expected = expectedAnswers(traffic);
        try (AppProcess a = AppProcess.start(deployment, dir, "a", Map.of());
                AppProcess b = AppProcess.start(deployment, dir, "b", Map.of())) {
            a.awaitReady(STARTUP);
            b.awaitReady(STARTUP);
            Topics.send(kafka, traffic.records());
            deployment.awaitDrained();
            Waits.until("A to answer every question right, with B's share", STARTUP,
                    () -> answers(a.http(), expected.keySet()), expected::equals);
            List<Integer> bOwned = localPartitions(b.http());
            assertFalse(bOwned.isEmpty() || bOwned.equals(ALL_PARTITIONS),
                    () -> "each instance must own some partitions for this test to mean anything; B owns " + bOwned);

            b.kill();
            int[] right = {0};
            int[] unavailable = {0};
            Waits.until("A alone to answer every question right", TAKEOVER, () -> {
                boolean allRight = true;
                for (Map.Entry<String, String> question : expected.entrySet()) {
                    Http.Response response = a.http().get(question.getKey());
                    if (response.status() == 503) {
                        assertTrue(response.header("Retry-After").isPresent(), () -> question.getKey()
                                + " answered 503 without Retry-After: " + response.body());
                        unavailable[0]++;
                        allRight = false;
                    } else {
                        assertEquals(question.getValue(), normalized(question.getKey(), response.ok()),
                                () -> "after B was killed, " + question.getKey());
                        right[0]++;
                    }
                }
                return allRight && localPartitions(a.http()).equals(ALL_PARTITIONS);
            }, done -> done);
            System.out.printf("KillOneOfTwoIT: after B was killed, A gave %d right answers and %d answers 503%n",
                    right[0], unavailable[0]);
            FaultPlan.assertNothingLostOrDoubled(kafka, deployment, a.http(), dir, traffic, w0);
        }
    }

    /** The questions (the listing, and each service's causes per window) with their right answers, normalized. */
    private static Map<String, String> expectedAnswers(Traffic traffic) {
        Map<String, long[]> totals = new TreeMap<>();
        Map<String, Map<Long, String>> windows = new TreeMap<>();
        Map<String, Map<Long, long[]>> windowTotals = new TreeMap<>();
        Map<String, Map<Long, Map<String, Long>>> windowCauses = new TreeMap<>();
        traffic.expectedCounts().forEach((count, lines) -> {
            boolean error = count.cause() != Cause.NONE;
            long[] total = totals.computeIfAbsent(count.service(), s -> new long[2]);
            total[0] += lines;
            total[1] += error ? lines : 0;
            long[] window = windowTotals.computeIfAbsent(count.service(), s -> new TreeMap<>())
                    .computeIfAbsent(count.windowStart(), w -> new long[2]);
            window[0] += lines;
            window[1] += error ? lines : 0;
            Map<String, Long> causes = windowCauses.computeIfAbsent(count.service(), s -> new TreeMap<>())
                    .computeIfAbsent(count.windowStart(), w -> new TreeMap<>());
            if (error) {
                causes.merge(count.cause().id(), lines, Long::sum);
            }
        });
        Map<String, String> answers = new TreeMap<>();
        List<String> listing = new ArrayList<>();
        totals.forEach((service, total) -> listing.add(service + " " + total[0] + " " + total[1]));
        answers.put("/api/v1/services", String.join(", ", listing));
        windowTotals.forEach((service, byWindow) -> {
            List<String> rows = new ArrayList<>();
            byWindow.forEach((start, total) -> rows.add(Instant.ofEpochMilli(start) + " " + total[0] + " " + total[1]
                    + " " + windowCauses.get(service).get(start)));
            answers.put("/api/v1/services/" + service + "/causes", String.join(", ", rows));
        });
        return answers;
    }

    private static Map<String, String> answers(Http http, Iterable<String> questions) {
        Map<String, String> answers = new TreeMap<>();
        for (String question : questions) {
            answers.put(question, normalized(question, http.get(question).ok()));
        }
        return answers;
    }

    /** An answer in the form of {@link #expectedAnswers}: what the numbers are, not how they are laid out. */
    private static String normalized(String question, JsonNode answer) {
        List<String> rows = new ArrayList<>();
        for (JsonNode row : answer) {
            if (question.equals("/api/v1/services")) {
                rows.add(row.get("service").asText() + " " + row.get("requests").asLong() + " " + row.get("errors").asLong());
            } else {
                Map<String, Long> causes = new TreeMap<>();
                row.get("causes").properties().forEach(cause -> causes.put(cause.getKey(), cause.getValue().asLong()));
                rows.add(Instant.parse(row.get("window_start").asText()) + " " + row.get("requests").asLong() + " "
                        + row.get("errors").asLong() + " " + causes);
            }
        }
        if (question.equals("/api/v1/services")) {
            rows.sort(null);
        }
        return String.join(", ", rows);
    }

    /** The partitions of the state an instance reads as its own now, from its instance-local listing. */
    private static List<Integer> localPartitions(Http http) {
        List<Integer> partitions = new ArrayList<>();
        http.get("/api/v1/local/services").ok().get("partitions").forEach(p -> partitions.add(p.asInt()));
        partitions.sort(null);
        return partitions;
    }
}
