package dev.meshlens.app.pipeline;

import dev.meshlens.diagnosis.Cause;
import dev.meshlens.diagnosis.CauseRules;
import dev.meshlens.diagnosis.NameInterner;
import dev.meshlens.diagnosis.ServiceIdentity;
import dev.meshlens.parser.AccessLogParser;
import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.event.ByteView;
import dev.meshlens.parser.event.Field;
import dev.meshlens.parser.event.ParseStatus;
import java.time.Duration;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorNode;
import org.apache.kafka.streams.processor.internals.ProcessorRecordContext;

/**
 * Parses each input record, names its service and cause, and adds it to this task's partial aggregate of
 * (service, event-time window). Partials go downstream, keyed by service, when the buffer is flushed before
 * a commit, or at the flush interval when no commit has flushed it for that long; records that are not access
 * events go to the dead-letter branch at once.
 */
final class PreAggregator implements Processor<byte[], byte[], String, Routed> {
    private static final String EMPTY_REASON = "empty record value";

    private final AccessLogParser parser;
    private final AccessLogTimestampExtractor extractor;
    private final CauseRules rules;
    private final long windowMillis;
    private final Duration flushInterval;
    private final FlushClock flushClock;
    private final PipelineMetrics metrics;
    private final String bufferName;
    /** For the lines the extractor did not hand on. */
    private final AccessEvent reparsed = new AccessEvent();
    private final NameInterner serviceNames = new NameInterner(100_000);
    private final NameInterner hostNames = new NameInterner(200_000);
    private final ServiceIdentity identity = new ServiceIdentity(serviceNames);
    private final PipelineMetrics.RecordCounts counts = new PipelineMetrics.RecordCounts();

    private ProcessorContext<String, Routed> context;
    private PreAggregationBuffer buffer;
    private ProcessorNode<?, ?, ?, ?> node;
    private ProcessorRecordContext lastRecordContext;

    /** {@code extractor} is the one timing this processor's input, with the same format and line length limit. */
    PreAggregator(PipelineSettings settings, CauseRules rules, PipelineMetrics metrics, String bufferName,
            AccessLogTimestampExtractor extractor) {
        this.parser = AccessLogParser.forFormat(settings.format(), settings.maxLineLength());
        this.extractor = extractor;
        this.rules = rules;
        this.windowMillis = settings.window().toMillis();
        this.flushInterval = settings.flushInterval();
        this.flushClock = new FlushClock(flushInterval);
        this.metrics = metrics;
        this.bufferName = bufferName;
    }

    @Override
    public void init(ProcessorContext<String, Routed> context) {
        this.context = context;
        this.buffer = context.getStateStore(bufferName);
        this.node = ((InternalProcessorContext<?, ?>) context).currentNode();
        buffer.onFlush(this::forwardFromCommit);
        context.schedule(flushInterval, PunctuationType.WALL_CLOCK_TIME, now -> {
            if (flushClock.due(now)) {
                forwardPartials(now);
            }
        });
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        counts.in();
        lastRecordContext = ((InternalProcessorContext<?, ?>) context).recordContext();
        byte[] value = record.value();
        if (value == null || value.length == 0) {
            deadLetter(record, ParseStatus.EMPTY, EMPTY_REASON, 0);
            return;
        }
        AccessLogTimestampExtractor.Parsed parsed = extractor.take(value);
        AccessEvent event = parsed == null ? reparsed : parsed.event();
        ParseStatus status = parsed == null ? parser.parse(value, 0, value.length, event) : parsed.status();
        if (!status.hasEvent()) {
            String reason = status.reason() + (event.errorField() == null ? "" : " (" + event.errorField().jsonName() + ")");
            deadLetter(record, status, reason, event.errorOffset());
            return;
        }
        counts.parsed(status);
        identity.identify(event);
        Cause cause = rules.classify(event);
        long windowStart = Math.floorDiv(record.timestamp(), windowMillis) * windowMillis;
        ServiceWindow window = buffer.window(identity.service(), windowStart, windowMillis, record.timestamp());
        // Hosts and routes are kept per cause of failure only: most lines succeed and need no interning.
        boolean failed = cause != Cause.NONE;
        window.record(event, identity.direction(), cause, failed ? intern(event.text(Field.UPSTREAM_HOST)) : null,
                failed ? intern(event.text(Field.ROUTE_NAME)) : null);
    }

    private String intern(ByteView view) {
        return view == null ? null : hostNames.intern(view.bytes(), view.offset(), view.length());
    }

    private void deadLetter(Record<byte[], byte[]> record, ParseStatus status, String reason, int errorOffset) {
        metrics.rejected(status);
        RecordMetadata source = context.recordMetadata().orElse(null);
        Headers headers = DeadLetters.headers(record.headers() == null ? new RecordHeaders() : record.headers(),
                status.name(), reason, errorOffset, source);
        byte[] value = DeadLetters.value(record.value(), headers);
        context.forward(new Record<String, Routed>(null, new Routed.DeadLetter(record.key(), value),
                record.timestamp(), headers));
    }

    private void forwardPartials(long now) {
        flushClock.flushed(now);
        metrics.counted(counts);
        buffer.drainTo((window, latestTime) -> {
            metrics.partialForwarded(window);
            // At its latest event time: downstream windowing puts it back in its window, and stream time there,
            // which closes windows after their grace, is the input's own (a window's start would lag up to a window).
            context.forward(new Record<String, Routed>(window.service(), new Routed.Partial(window), latestTime));
        });
    }

    /**
     * Runs inside the task's commit, outside of process() and punctuate(): like Kafka Streams' own cache flush
     * listeners, it names this processor as the current node (and a record context for the sink) first.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private void forwardFromCommit() {
        InternalProcessorContext internal = (InternalProcessorContext) context;
        ProcessorNode previousNode = internal.currentNode();
        ProcessorRecordContext previousRecord = internal.recordContext();
        internal.setCurrentNode(node);
        if (previousRecord == null && lastRecordContext != null) {
            internal.setRecordContext(lastRecordContext);
        }
        try {
            forwardPartials(context.currentSystemTimeMs());
        } finally {
            internal.setCurrentNode(previousNode);
            if (previousRecord == null && lastRecordContext != null) {
                internal.setRecordContext(previousRecord);
            }
        }
    }
}
