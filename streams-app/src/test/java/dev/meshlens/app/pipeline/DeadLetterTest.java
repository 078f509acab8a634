package dev.meshlens.app.pipeline;

import static dev.meshlens.app.pipeline.LogRecords.PRODUCTPAGE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshlens.parser.event.ParseStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** Records that are not access events: each goes to the dead-letter topic as it came, with why and whence. */
class DeadLetterTest {
    private static final Instant WINDOW = Instant.parse("2026-11-20T10:42:00Z");
    private static final Instant READ = WINDOW.plusSeconds(30);
    private static final String SHIPPER_HEADER = "fluentbit.tag";
    private static final String LINE = LogRecords.outbound("reviews", "default", 9080)
            .at(WINDOW.plusSeconds(10)).upstreamHost("10.44.1.27:9080").text();

    /** One input record and what its dead letter must say. */
    private record Rejected(String name, byte[] key, byte[] value, ParseStatus status) {
    }

    private static List<Rejected> rejectedRecords() {
        byte[] junk = new byte[512];
        new Random(7).nextBytes(junk);
        junk[0] = (byte) 0xC3; // never ASCII, so never a line's opening bracket or brace
        int maxLine = 1 << 20;
        String longLine = LogRecords.outbound("reviews", "default", 9080).at(WINDOW.plusSeconds(10))
                .request("GET", "/" + "x".repeat(maxLine), "HTTP/1.1").text();
        byte[] twoMegabytes = LogRecords.utf8(LogRecords.fluentBit(
                LINE.replace("\"curl/8.5.0\"", "\"" + "a".repeat(2_000_000) + "\""), READ, PRODUCTPAGE));
        return List.of(
                new Rejected("garbage", LogRecords.utf8("productpage-v1"),
                        LogRecords.utf8("panic: runtime error: invalid memory address"), ParseStatus.NOT_ACCESS_LOG),
                new Rejected("empty", LogRecords.utf8("productpage-v1"), new byte[0], ParseStatus.EMPTY),
                new Rejected("null", LogRecords.utf8("productpage-v1"), null, ParseStatus.EMPTY),
                new Rejected("envelope without log", null,
                        LogRecords.utf8(LogRecords.fluentBitWithoutLog(READ, PRODUCTPAGE)), ParseStatus.BAD_ENVELOPE),
                new Rejected("binary junk", null, junk, ParseStatus.NOT_ACCESS_LOG),
                new Rejected("line over 1 MiB", null, LogRecords.utf8(longLine), ParseStatus.TOO_LONG),
                new Rejected("2 MB record", LogRecords.utf8("productpage-v1"), twoMegabytes, ParseStatus.TOO_LONG));
    }

    @Test
    void everyRejectedRecordLandsOnTheDeadLetterTopicAsItCame() {
        List<Rejected> rejected = rejectedRecords();
        try (PipelineDriver pipeline = PipelineDriver.start()) {
            pipeline.pipe(LINE, READ);
            for (Rejected r : rejected) {
                pipeline.pipe(r.key(), r.value(), shipperHeaders(), READ);
            }
            pipeline.pipe(LogRecords.fluentBit(LINE, READ, PRODUCTPAGE), READ);

            List<TestRecord<byte[], byte[]>> letters = pipeline.readDeadLetters();
            assertEquals(rejected.size(), letters.size());
            for (int i = 0; i < rejected.size(); i++) {
                Rejected r = rejected.get(i);
                TestRecord<byte[], byte[]> letter = letters.get(i);
                Headers headers = letter.headers();
                assertArrayEquals(r.key(), letter.key(), r.name());
                assertEquals(READ, letter.getRecordTime(), r.name());
                assertEquals(r.status().name(), header(headers, DeadLetters.STATUS), r.name());
                assertEquals(pipeline.settings().inputTopic(), header(headers, DeadLetters.SOURCE_TOPIC), r.name());
                assertEquals("0", header(headers, DeadLetters.SOURCE_PARTITION), r.name());
                // The accepted line went first: the i-th rejected record is at offset i + 1.
                assertEquals(Integer.toString(i + 1), header(headers, DeadLetters.SOURCE_OFFSET), r.name());
                assertEquals("fluent-bit.istio-proxy", header(headers, SHIPPER_HEADER), r.name());
                Integer.parseInt(header(headers, DeadLetters.ERROR_OFFSET));
                String reason = header(headers, DeadLetters.REASON);
                if (r.value() == null || r.value().length == 0) {
                    assertFalse(reason.isBlank(), r.name()); // never reaches the parser, whose reason it would be
                } else {
                    assertTrue(reason.startsWith(r.status().reason()), r.name() + ": " + reason);
                }
                if (r.value() != null && r.value().length > DeadLetters.MAX_VALUE_BYTES) {
                    assertArrayEquals(Arrays.copyOf(r.value(), DeadLetters.MAX_VALUE_BYTES), letter.value(), r.name());
                    assertEquals(Integer.toString(r.value().length), header(headers, DeadLetters.ORIGINAL_LENGTH),
                            r.name());
                } else {
                    assertArrayEquals(r.value(), letter.value(), r.name());
                    assertNull(headers.lastHeader(DeadLetters.ORIGINAL_LENGTH), r.name());
                }
            }
        }
    }

    @Test
    void recordsInAreRecordsParsedPlusRecordsDeadLettered() {
        List<Rejected> rejected = rejectedRecords();
        try (PipelineDriver pipeline = PipelineDriver.start()) {
            int accepted = 0;
            for (Rejected r : rejected) {
                pipeline.pipe(r.key(), r.value(), new RecordHeaders(), READ);
                pipeline.pipe(LINE, READ);
                pipeline.pipe(LogRecords.fluentBit(LINE, READ, PRODUCTPAGE), READ);
                accepted += 2;
            }

            assertEquals(rejected.size() + accepted, pipeline.count("meshlens.records.in"));
            assertEquals(accepted, pipeline.count("meshlens.records.parsed"));
            assertEquals(rejected.size(), pipeline.count("meshlens.records.dead.lettered"));
            assertEquals(pipeline.count("meshlens.records.in"),
                    pipeline.count("meshlens.records.parsed") + pipeline.count("meshlens.records.dead.lettered"));
            for (ParseStatus status : ParseStatus.values()) {
                if (!status.hasEvent()) {
                    assertEquals(rejected.stream().filter(r -> r.status() == status).count(),
                            pipeline.rejected(status.name().toLowerCase()), status.name());
                }
            }
            assertEquals(rejected.size(), pipeline.readDeadLetters().size());
            assertEquals(accepted, pipeline.window("reviews.default", WINDOW).requests());
        }
    }

    private static Headers shipperHeaders() {
        return new RecordHeaders().add(SHIPPER_HEADER, "fluent-bit.istio-proxy".getBytes(StandardCharsets.UTF_8));
    }

    private static String header(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
