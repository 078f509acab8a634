package dev.meshlens.app.pipeline;

import dev.meshlens.parser.AccessLogParser;
import dev.meshlens.parser.event.AccessEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time of an input record: the access line's START_TIME, else the envelope's timestamp, else the Kafka
 * record's own timestamp, else the partition's stream time. Never throws: a record that is not an access line
 * keeps its Kafka timestamp and goes on to the dead-letter topic.
 *
 * <p>Kafka Streams hands the one instance given to {@code Consumed} to every task of every stream thread,
 * while a parser and its event are for one thread only: each thread gets its own.
 */
public final class AccessLogTimestampExtractor implements TimestampExtractor {
    private final ThreadLocal<Decoder> decoders;

    private record Decoder(AccessLogParser parser, AccessEvent event) {
    }

    /** {@code maxLineLength} must be the parsing step's: a line it accepts is timed by its own START_TIME. */
    public AccessLogTimestampExtractor(String format, int maxLineLength) {
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
                return time;
            }
        }
        return record.timestamp() >= 0 ? record.timestamp() : Math.max(partitionTime, 0);
    }
}
