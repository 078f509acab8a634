package dev.meshlens.app.pipeline;

import static dev.meshlens.app.pipeline.LogRecords.PRODUCTPAGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshlens.app.pipeline.LogRecords.AccessLine;
import dev.meshlens.diagnosis.Cause;
import dev.meshlens.diagnosis.CauseRules;
import dev.meshlens.diagnosis.Direction;
import dev.meshlens.diagnosis.NameInterner;
import dev.meshlens.diagnosis.ServiceIdentity;
import dev.meshlens.parser.AccessLogParser;
import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.event.Field;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** What crosses the repartition topic: partial aggregates per (service, window), never lines. */
class PreAggregationTest {
    private static final Instant WINDOW = Instant.parse("2026-11-20T10:42:00Z");
    private static final Instant NEXT_WINDOW = WINDOW.plusSeconds(60);
    private static final List<String> HOSTS = List.of("reviews", "ratings", "details");

    /** Line {@code i} of a service: every third one fails with no healthy upstream. */
    private static AccessLine line(String host, int i, Instant window) {
        AccessLine line = LogRecords.outbound(host, "default", 9080).at(window.plusSeconds(i)).requestId(host + "-" + i)
                .upstreamHost("10.44.1.27:9080").bytes(1, 10).duration(5);
        return i % 3 == 0 ? line.response(503, "UH", "no_healthy_upstream").upstreamHost("-") : line;
    }

    @Test
    void everyCommitSendsOnePartialPerServiceAndWindowAndTheMergeIsExact() {
        int perService = 12;
        try (PipelineDriver pipeline = PipelineDriver.start()) {
            for (int i = 0; i < perService; i++) {
                for (String host : HOSTS) {
                    String text = line(host, i, WINDOW).text();
                    pipeline.pipe(i % 2 == 0 ? text : LogRecords.fluentBit(text, WINDOW.plusSeconds(59), PRODUCTPAGE),
                            WINDOW.plusSeconds(59));
                }
                pipeline.pipe("not an access line", WINDOW.plusSeconds(59));
            }

            assertTrue(pipeline.driver().producedTopicNames().contains(PipelineDriver.repartitionTopic()));
            List<TestRecord<String, ServiceWindow>> partials = pipeline.readPartials();
            // The driver commits after every input record: one partial per access line, none for the others.
            assertEquals(perService * HOSTS.size(), partials.size());
            for (int k = 0; k < partials.size(); k++) {
                TestRecord<String, ServiceWindow> partial = partials.get(k);
                int i = k / HOSTS.size();
                String service = HOSTS.get(k % HOSTS.size()) + ".default";
                assertEquals(service, partial.key());
                assertEquals(service, partial.value().service());
                assertEquals(WINDOW.toEpochMilli(), partial.value().windowStart());
                assertEquals(1, partial.value().requests());
                // Sent at its record's event time, which keeps it in its window downstream.
                assertEquals(WINDOW.plusSeconds(i), partial.getRecordTime());
            }
            for (String host : HOSTS) {
                ServiceWindow merged = pipeline.window(host + ".default", WINDOW);
                assertEquals(perService, merged.requests(Direction.OUTBOUND));
                assertEquals(perService / 3, merged.errors(Direction.OUTBOUND));
                assertEquals(perService / 3, merged.causeCounts(Direction.OUTBOUND, Cause.NO_HEALTHY_UPSTREAM).count());
                assertEquals(perService * 11, merged.bytes());
                assertEquals(perService, merged.durations().getTotalCount());
                assertEquals(host + "-0", merged.causeCounts(Direction.OUTBOUND, Cause.NO_HEALTHY_UPSTREAM)
                        .sampleRequestId());
            }
            assertEquals(perService * HOSTS.size(), pipeline.count("meshlens.partials.forwarded"));
        }
    }

    /**
     * The wall-clock flush: it empties a buffer that no commit has. The driver commits after every record, so
     * a buffer holding many records can only be filled here by hand, as the parsing step would fill it.
     */
    @Test
    void theFlushIntervalSendsOnePartialPerServiceAndWindowWithAllTheirLines() {
        int perServiceAndWindow = 4;
        try (PipelineDriver pipeline = PipelineDriver.start()) {
            BufferFiller filler = new BufferFiller(pipeline);
            for (Instant window : List.of(WINDOW, NEXT_WINDOW)) {
                for (int i = 0; i < perServiceAndWindow; i++) {
                    for (String host : HOSTS) {
                        filler.add(line(host, i, window).text());
                    }
                }
            }
            Duration interval = pipeline.settings().flushInterval();

            pipeline.advanceWallClockTime(interval.minusMillis(1));
            assertEquals(List.of(), pipeline.readPartials());
            assertNull(pipeline.window("reviews.default", WINDOW));

            pipeline.advanceWallClockTime(Duration.ofMillis(1));
            List<TestRecord<String, ServiceWindow>> partials = pipeline.readPartials();
            assertEquals(HOSTS.size() * 2, partials.size());
            Map<String, Integer> perKey = new HashMap<>();
            for (TestRecord<String, ServiceWindow> partial : partials) {
                perKey.merge(partial.key() + "@" + partial.value().windowStart(), 1, Integer::sum);
                assertEquals(perServiceAndWindow, partial.value().requests());
                long windowStart = partial.value().windowStart();
                assertEquals(Instant.ofEpochMilli(windowStart).plusSeconds(perServiceAndWindow - 1),
                        partial.getRecordTime());
            }
            assertEquals(HOSTS.size() * 2, perKey.size(), perKey.toString());
            for (String host : HOSTS) {
                for (Instant window : List.of(WINDOW, NEXT_WINDOW)) {
                    ServiceWindow merged = pipeline.window(host + ".default", window);
                    assertEquals(perServiceAndWindow, merged.requests());
                    // Lines 0 and 3 fail.
                    assertEquals(2, merged.causeCounts(Direction.OUTBOUND, Cause.NO_HEALTHY_UPSTREAM).count());
                }
            }
            assertEquals(0, filler.buffer.size());
        }
    }

    /** Adds lines to the pipeline's pre-aggregation buffer as the parsing step does. */
    private static final class BufferFiller {
        private final PreAggregationBuffer buffer;
        private final long windowMillis;
        private final AccessLogParser parser = AccessLogParser.auto();
        private final AccessEvent event = new AccessEvent();
        private final ServiceIdentity identity = new ServiceIdentity(new NameInterner(1_000));
        private final CauseRules rules = CauseRules.builtIn();

        BufferFiller(PipelineDriver pipeline) {
            buffer = (PreAggregationBuffer) pipeline.driver().getStateStore(MeshLensTopology.BUFFER_STORE);
            windowMillis = pipeline.settings().window().toMillis();
        }

        void add(String line) {
            byte[] bytes = LogRecords.utf8(line);
            assertTrue(parser.parse(bytes, 0, bytes.length, event).hasEvent(), line);
            identity.identify(event);
            long time = event.eventTimeMillis();
            buffer.window(identity.service(), Math.floorDiv(time, windowMillis) * windowMillis, windowMillis, time)
                    .record(event, identity.direction(), rules.classify(event), text(Field.UPSTREAM_HOST),
                            text(Field.ROUTE_NAME));
        }

        private String text(Field field) {
            return event.text(field) == null ? null : event.text(field).toString();
        }
    }
}
