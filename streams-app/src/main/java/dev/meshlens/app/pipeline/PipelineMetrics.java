package dev.meshlens.app.pipeline;

import dev.meshlens.parser.event.ParseStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/** The pipeline's record counters: every input record is counted once as parsed or rejected. */
public final class PipelineMetrics {
    private final Counter in;
    private final Counter parsed;
    private final Counter partial;
    private final Counter deadLettered;
    private final Counter partialsForwarded;
    private final Counter skewed;
    private final Counter late;
    private final Map<ParseStatus, Counter> rejected = new EnumMap<>(ParseStatus.class);
    private final CauseMetrics causes;

    public PipelineMetrics(MeterRegistry registry) {
        causes = new CauseMetrics(registry);
        in = Counter.builder("meshlens.records.in").description("Input records read").register(registry);
        parsed = Counter.builder("meshlens.records.parsed").description("Input records decoded into access events")
                .register(registry);
        partial = Counter.builder("meshlens.records.partial")
                .description("Decoded records whose line was cut after its flags (also counted as parsed)")
                .register(registry);
        deadLettered = Counter.builder("meshlens.records.dead.lettered")
                .description("Records sent to the dead-letter topic").register(registry);
        partialsForwarded = Counter.builder("meshlens.partials.forwarded")
                .description("Per-task partial aggregates sent to the repartition topic").register(registry);
        skewed = Counter.builder("meshlens.records.skewed")
                .description("Access lines whose START_TIME was over an hour ahead of their record's timestamp: "
                        + "counted at the record's timestamp instead").register(registry);
        late = Counter.builder("meshlens.records.late")
                .description("Access lines dropped because their window had closed (older than window plus grace)")
                .register(registry);
        for (ParseStatus status : ParseStatus.values()) {
            if (!status.hasEvent()) {
                rejected.put(status, Counter.builder("meshlens.records.rejected").tag("reason", status.name().toLowerCase())
                        .description("Input records that are not access events, by reason").register(registry));
            }
        }
    }

    /**
     * Adds what one task counted since its last call. Tasks count in plain fields and add here when they flush
     * their partials: two increments per record on counters that every stream thread shares were 4 % of the
     * stream threads' samples (benchmarks/run-pipeline --jfr).
     */
    void counted(RecordCounts counts) {
        in.increment(counts.in);
        parsed.increment(counts.parsed);
        partial.increment(counts.partial);
        counts.in = 0;
        counts.parsed = 0;
        counts.partial = 0;
    }

    /** One task's record counts not yet added to the shared counters. */
    static final class RecordCounts {
        private long in;
        private long parsed;
        private long partial;

        void in() {
            in++;
        }

        void parsed(ParseStatus status) {
            parsed++;
            if (status == ParseStatus.PARTIAL) {
                partial++;
            }
        }
    }

    void rejected(ParseStatus status) {
        rejected.get(status).increment();
        deadLettered.increment();
    }

    void skewed() {
        skewed.increment();
    }

    void late(long lines) {
        late.increment(lines);
    }

    void partialForwarded(ServiceWindow partial) {
        partialsForwarded.increment();
        causes.add(partial);
    }
}
