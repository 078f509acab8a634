package dev.meshlens.app.it;

import dev.meshlens.parser.event.ParseStatus;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/** Input the pipeline cannot count, each with the status and reason its dead letter must carry. */
final class PoisonRecords {
    /** Said by the pipeline itself, before parsing, for a record with no bytes at all. */
    static final String NO_VALUE = "empty record value";
    /** Where a dead letter's value is cut, so that it fits Kafka's default message size (dead-letter.schema.json). */
    static final int CUT_AT = 900 * 1024;
    /** The largest poison record: a topic that takes it needs {@code max.message.bytes} above it. */
    static final int HUGE = 5 * 1024 * 1024;

    /** One bad record; {@code reason} is the start of the reason header (a field name may follow). */
    record Poison(String name, byte[] key, byte[] value, List<Header> headers, ParseStatus status, String reason) {
        /** The value its dead letter must carry: the original, cut at {@link #CUT_AT} bytes. */
        byte[] deadLetterValue() {
            return value == null || value.length <= CUT_AT ? value : Arrays.copyOf(value, CUT_AT);
        }

        ProducerRecord<byte[], byte[]> to(String topic) {
            return new ProducerRecord<>(topic, null, null, key, value, headers);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private PoisonRecords() {
    }

    static List<Poison> all(long shippedMillis) {
        Hop.Workload reviews = Hop.Workload.REVIEWS;
        String pod = reviews.pods.get(0);
        String cutBeforeCode = "[2026-11-22T10:00:00.000Z] \"GET /api/v1/items/42 HTTP/1.1\"";
        return List.of(
                new Poison("a tombstone (null value) keyed by pod", bytes(pod), null, List.of(),
                        ParseStatus.EMPTY, NO_VALUE),
                new Poison("an empty value", null, new byte[0], List.of(), ParseStatus.EMPTY, NO_VALUE),
                new Poison("a Go panic, not an access line", null,
                        bytes("panic: runtime error: invalid memory address or nil pointer dereference"), List.of(),
                        ParseStatus.NOT_ACCESS_LOG, ParseStatus.NOT_ACCESS_LOG.reason()),
                new Poison("JSON cut in the middle of log", null,
                        bytes("{\"@timestamp\":1795341600.0,\"log\":\"[2026-11-22T"),
                        List.of(), ParseStatus.BAD_JSON, ParseStatus.BAD_JSON.reason()),
                new Poison("a Fluent Bit record without log, with a header of its own", bytes(pod),
                        FluentBitRecords.valueWithoutLog(reviews, pod, shippedMillis),
                        List.of(new RecordHeader("fluentbit.tag", bytes("kube.var.log.containers.reviews"))),
                        ParseStatus.BAD_ENVELOPE, ParseStatus.BAD_ENVELOPE.reason()),
                new Poison("a Fluent Bit record whose line ends before the response code", null,
                        FluentBitRecords.value(cutBeforeCode, reviews, pod, shippedMillis), List.of(),
                        ParseStatus.TRUNCATED, ParseStatus.TRUNCATED.reason()),
                new Poison("a 950 KiB line of something else", null, bytes("x".repeat(950 * 1024)), List.of(),
                        ParseStatus.NOT_ACCESS_LOG, ParseStatus.NOT_ACCESS_LOG.reason()));
    }

    /**
     * Input built to hurt a parser or a pipeline: over the broker's default size, not UTF-8, nested past any
     * sane depth, a wrong envelope, another program's line, a record with no key and no value.
     */
    static List<Poison> hostile() {
        String pod = Hop.Workload.REVIEWS.pods.get(0);
        return List.of(
                new Poison("a tombstone with neither key nor value", null, null, List.of(), ParseStatus.EMPTY, NO_VALUE),
                // Over the broker's default 1 MB limit: the input topic's max.message.bytes must allow it.
                new Poison("a 5 MiB value", null, bytes("y".repeat(HUGE)), List.of(),
                        ParseStatus.TOO_LONG, ParseStatus.TOO_LONG.reason()),
                new Poison("bytes that are not UTF-8", null, new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc3, 0x28,
                        (byte) 0xa0, (byte) 0xa1}, List.of(), ParseStatus.NOT_ACCESS_LOG,
                        ParseStatus.NOT_ACCESS_LOG.reason()),
                new Poison("an envelope whose line turns into bytes that are not UTF-8", null, concat(
                        bytes("{\"log\":\"[2026-11-22T10:00:00.000Z] \\\"GET /"), new byte[] {(byte) 0xc3, 0x28},
                        bytes("\"}")), List.of(), ParseStatus.TRUNCATED, ParseStatus.TRUNCATED.reason()),
                new Poison("a JSON nesting bomb: objects 50,000 deep", null,
                        bytes("{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000)), List.of(),
                        ParseStatus.BAD_JSON, ParseStatus.BAD_JSON.reason()),
                new Poison("a JSON nesting bomb in log: arrays 50,000 deep", null,
                        bytes("{\"log\":" + "[".repeat(50_000)), List.of(), ParseStatus.BAD_JSON,
                        ParseStatus.BAD_JSON.reason()),
                new Poison("100,000 opening brackets", null, bytes("[".repeat(100_000)), List.of(),
                        ParseStatus.TRUNCATED, ParseStatus.TRUNCATED.reason()),
                new Poison("an envelope whose log is a number", bytes(pod), bytes("{\"log\":42,\"kubernetes\":{}}"),
                        List.of(), ParseStatus.BAD_ENVELOPE, ParseStatus.BAD_ENVELOPE.reason()),
                new Poison("an nginx access line", null,
                        bytes("10.44.1.23 - - [22/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 612 \"-\" \"curl/8.5\""),
                        List.of(), ParseStatus.NOT_ACCESS_LOG, ParseStatus.NOT_ACCESS_LOG.reason()));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
