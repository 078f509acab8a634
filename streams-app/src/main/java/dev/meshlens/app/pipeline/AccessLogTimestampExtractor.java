package dev.meshlens.app.pipeline;

import dev.meshlens.parser.AccessLogParser;
import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.event.ParseStatus;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time of an input record: the access line's START_TIME, else the envelope's timestamp, else the Kafka
 * record's own timestamp, else the partition's stream time. Never throws: a record that is not an access line
 * keeps its Kafka timestamp and goes on to the dead-letter topic.
 *
 * <p>A START_TIME more than {@link #MAX_CLOCK_SKEW} ahead of the record's own timestamp (when Fluent Bit
 * shipped it, or the broker appended it) comes from a node whose clock is wrong: taken as is, it would move
 * stream time ahead and close every window still open, so that all other lines would be dropped as late. Such a
 * line is counted at its record's timestamp instead, and in {@code meshlens_records_skewed_total}.
 *
 * <p>Kafka Streams hands the one instance given to {@code Consumed} to every task of every stream thread,
 * while a parser and its event are for one thread only: each thread gets its own.
 *
 * <p>The line it parses is handed on to {@link PreAggregator} on the same thread ({@link #take}), so each line is
 * parsed once (parsing it twice was 15 to 20 % of the stream thread's CPU, benchmarks/run-pipeline --jfr). Kafka
 * Streams extracts the time of each partition's next record before the current one is processed, so a thread
 * keeps the last {@link #SLOTS} parses; a line whose parse was overwritten (more partitions per thread than
 * slots) or that failed to parse is simply parsed again by the processor.
 */
public final class AccessLogTimestampExtractor implements TimestampExtractor {
    public static final Duration MAX_CLOCK_SKEW = Duration.ofHours(1);

    private final ThreadLocal<Decoder> decoders;
    private final PipelineMetrics metrics;

    /** More than the input partitions a stream thread usually owns, each with one record extracted ahead. */
    static final int SLOTS = 32;

    /** One parsed line, found again by the identity of its value array (the processor gets the same array). */
    static final class Parsed {
        private byte[] value;
        private ParseStatus status;
        private final AccessEvent event = new AccessEvent();

        ParseStatus status() {
            return status;
        }

        AccessEvent event() {
            return event;
        }
    }

    private static final class Decoder {
        private final AccessLogParser parser;
        private final Parsed[] slots = new Parsed[SLOTS];
        private int next;

        Decoder(AccessLogParser parser) {
            this.parser = parser;
            for (int i = 0; i < SLOTS; i++) {
                slots[i] = new Parsed();
            }
        }

        Parsed parse(byte[] value) {
            Parsed slot = slots[next];
            next = (next + 1) % SLOTS;
            slot.status = parser.parse(value, 0, value.length, slot.event);
            // Only lines with an event are handed on: the processor re-parses the rest for the dead-letter reason.
            slot.value = slot.status.hasEvent() ? value : null;
            return slot;
        }

        Parsed take(byte[] value) {
            for (Parsed slot : slots) {
                if (slot.value == value) {
                    slot.value = null;
                    return slot;
                }
            }
            return null;
        }
    }

    /** {@code maxLineLength} must be the parsing step's: a line it accepts is timed by its own START_TIME. */
    public AccessLogTimestampExtractor(String format, int maxLineLength, PipelineMetrics metrics) {
        this.metrics = metrics;
        // Compiled once here so that a bad format fails at startup, not later in a stream thread.
        AccessLogParser.forFormat(format, maxLineLength);
        this.decoders = ThreadLocal.withInitial(
                () -> new Decoder(AccessLogParser.forFormat(format, maxLineLength)));
    }

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof byte[] value) {
            Parsed parsed = decoders.get().parse(value);
            long time = parsed.status().hasEvent() ? parsed.event().eventTimeMillis() : AccessEvent.NO_TIME;
            if (time != AccessEvent.NO_TIME && time >= 0) {
                if (record.timestamp() >= 0 && time - record.timestamp() > MAX_CLOCK_SKEW.toMillis()) {
                    metrics.skewed();
                    return record.timestamp();
                }
                return time;
            }
        }
        return record.timestamp() >= 0 ? record.timestamp() : Math.max(partitionTime, 0);
    }

    /**
     * The line {@link #extract} parsed from this very array on this thread, once, or null: then parse it. Valid
     * until this thread's next {@value #SLOTS} extractions.
     */
    Parsed take(byte[] value) {
        return decoders.get().take(value);
    }
}
