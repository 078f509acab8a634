package dev.meshlens.app.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.meshlens.app.pipeline.AccessLogTimestampExtractor;
import dev.meshlens.app.pipeline.PipelineMetrics;
import dev.meshlens.parser.AccessLogParser;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Kafka Streams gives the one extractor passed to {@code Consumed} to every task of every stream thread, so
 * with {@code num.stream.threads} above 1 it is called from several threads at once. Each call must still
 * answer with its own record's time: a wrong one puts the line in another window, and one far ahead moves
 * stream time on, closing windows early and resolving alerts.
 */
class SharedTimestampExtractorTest {
    private static final int THREADS = 4;
    private static final int CALLS_PER_THREAD = 50_000;

    @Test
    void givesEveryThreadItsOwnRecordsTime() throws Exception {
        AccessLogTimestampExtractor shared = new AccessLogTimestampExtractor("auto", AccessLogParser.DEFAULT_MAX_LINE_LENGTH,
                new PipelineMetrics(new SimpleMeterRegistry()));
        long base = Instant.parse("2026-11-22T10:00:00.000Z").toEpochMilli();
        Hop[] hops = Hop.values();
        Outcome[] outcomes = Outcome.values();
        CyclicBarrier together = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Hop hop = hops[t % hops.length];
                Outcome outcome = outcomes[t % outcomes.length];
                // Times far apart, so that any mix-up shows: thread t's requests start t hours after the base.
                long start = base + t * 3_600_000L + t;
                String line = FluentBitRecords.accessLine(hop, outcome, start, "request-" + t);
                ConsumerRecord<Object, Object> record = new ConsumerRecord<>("istio-proxy-logs", t, 0, null,
                        FluentBitRecords.value(line, hop.workload, hop.workload.pods.get(0), start + 1_500));
                results.add(pool.submit(() -> firstWrongAnswer(shared, record, start, together)));
            }
            List<String> wrong = new ArrayList<>();
            for (Future<String> result : results) {
                String answer = result.get(2, TimeUnit.MINUTES);
                if (answer != null) {
                    wrong.add(answer);
                }
            }
            assertEquals(List.of(), wrong);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Extracts the record's time again and again; the first wrong answer, or null if every one was right. */
    private static String firstWrongAnswer(AccessLogTimestampExtractor extractor, ConsumerRecord<Object, Object> record,
            long expected, CyclicBarrier together) throws Exception {
        together.await();
        for (int i = 0; i < CALLS_PER_THREAD; i++) {
            long time = extractor.extract(record, 0);
            if (time != expected) {
                return "call " + i + " on partition " + record.partition() + ": " + Instant.ofEpochMilli(time)
                        + " instead of " + Instant.ofEpochMilli(expected);
            }
        }
        return null;
    }
}
