package dev.meshlens.app.pipeline;

import static dev.meshlens.app.pipeline.LogRecords.PRODUCTPAGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.meshlens.app.pipeline.LogRecords.AccessLine;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Which window a record counts in: its event time, with the default one-minute windows and 30 s of grace. */
class EventTimeTest {
    private static final String SERVICE = "reviews.default";
    private static final Instant W42 = Instant.parse("2026-11-20T10:42:00Z");
    private static final Instant W43 = W42.plusSeconds(60);
    private static final Instant W45 = W42.plusSeconds(180);
    private static final Instant W47 = W42.plusSeconds(300);
    private static final Duration GRACE = Duration.ofSeconds(30);

    private static AccessLine served() {
        return LogRecords.outbound("reviews", "default", 9080).upstreamHost("10.44.1.27:9080").duration(4);
    }

    private static long requests(PipelineDriver pipeline, Instant window) {
        ServiceWindow w = pipeline.window(SERVICE, window);
        return w == null ? 0 : w.requests();
    }

    @Test
    void startTimeWinsOverTheEnvelopeAndTheRecordTime() {
        try (PipelineDriver pipeline = PipelineDriver.start()) {
            String line = served().at(W42.plusSeconds(10)).text();
            pipeline.pipe(LogRecords.fluentBit(line, W45.plusSeconds(10), PRODUCTPAGE), W47.plusSeconds(10));

            assertEquals(1, requests(pipeline, W42));
            assertNull(pipeline.window(SERVICE, W45));
            assertNull(pipeline.window(SERVICE, W47));
        }
    }

    @Test
    void envelopeTimeWhenTheLineHasNoStartTime() {
        try (PipelineDriver pipeline = PipelineDriver.start()) {
            String line = served().at(null).text();
            pipeline.pipe(LogRecords.fluentBit(line, W45.plusSeconds(10), PRODUCTPAGE), W47.plusSeconds(10));

            assertEquals(1, requests(pipeline, W45));
            assertNull(pipeline.window(SERVICE, W47));
        }
    }

    @Test
    void recordTimeWhenNeitherTheLineNorAnEnvelopeHasOne() {
        try (PipelineDriver pipeline = PipelineDriver.start()) {
            pipeline.pipe(served().at(null).text(), W47.plusSeconds(10));

            assertEquals(1, requests(pipeline, W47));
        }
    }

    @Test
    void aLineOverTheDefaultLengthLimitButWithinTheConfiguredOneIsTimedByItsStartTime() {
        Properties settings = new Properties();
        settings.setProperty("meshlens.max.line.length", Integer.toString(4 << 20));
        try (PipelineDriver pipeline = PipelineDriver.start(settings)) {
            String longPath = "/reviews/" + "x".repeat(2 << 20);
            pipeline.pipe(served().request("GET", longPath, "HTTP/1.1").at(W42.plusSeconds(10)).text(), W47);

            assertEquals(1, requests(pipeline, W42));
            assertNull(pipeline.window(SERVICE, W47));
        }
    }

    @Test
    void theLastMillisecondBelongsToItsWindowAndTheNextOneStartsTheNext() {
        try (PipelineDriver pipeline = PipelineDriver.start()) {
            pipeline.pipe(served().at(W43.minusMillis(1)).text(), W43);
            pipeline.pipe(served().at(W43).text(), W43);
            pipeline.pipe(served().at(W43).text(), W43);

            ServiceWindow first = pipeline.window(SERVICE, W42);
            assertEquals(1, first.requests());
            assertEquals(W42.toEpochMilli(), first.windowStart());
            assertEquals(W43.toEpochMilli(), first.windowEnd());
            assertEquals(2, requests(pipeline, W43));
        }
    }

    @Test
    void outOfOrderRecordsWithinGraceLandInTheirWindow() {
        try (PipelineDriver pipeline = PipelineDriver.start()) {
            pipeline.pipe(served().at(W42.plusSeconds(10)).text(), W42);
            // Stream time one millisecond short of the 10:42 window's end plus grace: that window is still open.
            pipeline.pipe(served().at(W43.plus(GRACE).minusMillis(1)).text(), W43);
            pipeline.pipe(served().at(W42.plusSeconds(50)).text(), W43);
            pipeline.pipe(served().at(W42.plusSeconds(5)).text(), W43);

            assertEquals(3, requests(pipeline, W42));
            assertEquals(1, requests(pipeline, W43));
            assertEquals(0, pipeline.droppedRecords());
        }
    }

    @Test
    void recordsLaterThanTheirWindowPlusGraceAreDropped() {
        try (PipelineDriver pipeline = PipelineDriver.start()) {
            pipeline.pipe(served().at(W42.plusSeconds(10)).text(), W42);
            // Stream time reaches the 10:42 window's end plus grace: that window is closed.
            pipeline.pipe(served().at(W43.plus(GRACE)).text(), W43);
            pipeline.pipe(served().at(W42.plusSeconds(50)).text(), W43);
            pipeline.pipe(served().at(W43.plusSeconds(1)).text(), W43);

            assertEquals(1, requests(pipeline, W42));
            assertEquals(2, requests(pipeline, W43));
            assertEquals(1, pipeline.droppedRecords());
            assertEquals(1, pipeline.count("meshlens.records.late"));
            // Parsed, and dropped later by the windowing, which owns the grace period.
            assertEquals(4, pipeline.count("meshlens.records.parsed"));
        }
    }

    @Test
    void aStartTimeOverAnHourAheadOfItsRecordIsASkewedClockAndCountsAtTheRecordTime() {
        try (PipelineDriver pipeline = PipelineDriver.start()) {
            Instant shipped = W42.plusSeconds(10);
            pipeline.pipe(served().at(shipped.plus(AccessLogTimestampExtractor.MAX_CLOCK_SKEW).plusMillis(1)).text(),
                    shipped);
            // Stream time did not jump an hour ahead: a line of the same window still counts.
            pipeline.pipe(served().at(W42.plusSeconds(20)).text(), W42.plusSeconds(21));
            // Exactly an hour ahead is still taken as the line's own time.
            Instant hourAhead = W42.plusSeconds(30).plus(AccessLogTimestampExtractor.MAX_CLOCK_SKEW);
            pipeline.pipe(served().at(hourAhead).text(), W42.plusSeconds(30));

            assertEquals(2, requests(pipeline, W42));
            assertEquals(1, requests(pipeline, W42.plus(AccessLogTimestampExtractor.MAX_CLOCK_SKEW)));
            assertEquals(1, pipeline.count("meshlens.records.skewed"));
            assertEquals(0, pipeline.count("meshlens.records.late"));
            assertEquals(0, pipeline.droppedRecords());
        }
    }
}
