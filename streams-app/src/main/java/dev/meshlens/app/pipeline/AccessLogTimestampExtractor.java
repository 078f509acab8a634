package dev.meshlens.app.pipeline;

import dev.meshlens.parser.AccessLogParser;
import dev.meshlens.parser.event.AccessEvent;
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
 */
public final class AccessLogTimestampExtractor implements TimestampExtractor {
    public static final Duration MAX_CLOCK_SKEW = Duration.ofHours(1);

    private final ThreadLocal<Decoder> decoders;
    private final PipelineMetrics metrics;

    private record Decoder(AccessLogParser parser, AccessEvent event) {
    }

    /** {@code maxLineLength} must be the parsing step's: a line it accepts is timed by its own START_TIME. */
    public AccessLogTimestampExtractor(String format, int maxLineLength, PipelineMetrics metrics) {
        this.metrics = metrics;
        // Compiled once here so that a bad format fails at startup, not later in a stream thread.
        AccessLogParser.forFormat(format, maxLineLength);
        this.decoders = ThreadLocal.withInitial(
                () -> new Decoder(AccessLogParser.forFormat(format, maxLineLength), new AccessEvent()));
    }

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        Decoder decoder = decoders.get();
        AccessEvent event = decoder.event();
        if (record.value() instanceof byte[] value && decoder.parser().parse(value, 0, value.length, event).hasEvent()) {
            long time = event.eventTimeMillis();
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
}
