package dev.meshlens.app.pipeline;

import dev.meshlens.parser.AccessLogParser;
import dev.meshlens.parser.event.AccessEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time of an input record: the access line's START_TIME, else the envelope's timestamp, else the Kafka
 * record's own timestamp, else the partition's stream time. Never throws: a record that is not an access line
 * keeps its Kafka timestamp and goes on to the dead-letter topic.
 */
public final class AccessLogTimestampExtractor implements TimestampExtractor {
    private final AccessLogParser parser;
    private final AccessEvent event = new AccessEvent();

    /** {@code maxLineLength} must be the parsing step's: a line it accepts is timed by its own START_TIME. */
    public AccessLogTimestampExtractor(String format, int maxLineLength) {
        this.parser = AccessLogParser.forFormat(format, maxLineLength);
    }

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof byte[] value && parser.parse(value, 0, value.length, event).hasEvent()) {
            long time = event.eventTimeMillis();
            if (time != AccessEvent.NO_TIME && time >= 0) {
                return time;
            }
        }
        return record.timestamp() >= 0 ? record.timestamp() : Math.max(partitionTime, 0);
    }
}
