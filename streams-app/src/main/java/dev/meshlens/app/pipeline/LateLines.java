package dev.meshlens.app.pipeline;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Counts, in {@code meshlens_records_late_total}, the lines of each partial that the windowed merge right after
 * it will drop as late: Kafka Streams' own {@code dropped-records} counts a partial as one record, whatever
 * the number of lines in it. Sees the same records in the same order as the merge, and keeps its rule: stream
 * time is the highest timestamp seen by this processor instance, and a window whose end is at or before stream
 * time less grace is closed.
 */
final class LateLines implements FixedKeyProcessor<String, ServiceWindow, ServiceWindow> {
    private final long windowMillis;
    private final long graceMillis;
    private final PipelineMetrics metrics;
    private FixedKeyProcessorContext<String, ServiceWindow> context;
    private long observedStreamTime = ConsumerRecord.NO_TIMESTAMP;

    LateLines(long windowMillis, long graceMillis, PipelineMetrics metrics) {
        this.windowMillis = windowMillis;
        this.graceMillis = graceMillis;
        this.metrics = metrics;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, ServiceWindow> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, ServiceWindow> record) {
        long timestamp = record.timestamp();
        observedStreamTime = Math.max(observedStreamTime, timestamp);
        long windowEnd = timestamp - timestamp % windowMillis + windowMillis;
        if (windowEnd <= observedStreamTime - graceMillis) {
            metrics.late(record.value().requests());
        }
        context.forward(record);
    }
}
