package dev.meshlens.app.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.meshlens.parser.event.ParseStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class PipelineMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PipelineMetrics metrics = new PipelineMetrics(registry);

    @Test
    void aTasksCountsReachTheSharedCountersOnceEach() {
        PipelineMetrics.RecordCounts counts = new PipelineMetrics.RecordCounts();
        counts.in();
        counts.in();
        counts.in();
        counts.parsed(ParseStatus.OK);
        counts.parsed(ParseStatus.PARTIAL);

        assertEquals(0, count("meshlens.records.in"), "nothing is shared before the task adds its counts");
        metrics.counted(counts);
        metrics.counted(counts);

        assertEquals(3, count("meshlens.records.in"));
        assertEquals(2, count("meshlens.records.parsed"));
        assertEquals(1, count("meshlens.records.partial"));
    }

    @Test
    void countsOfSeveralTasksAddUp() {
        PipelineMetrics.RecordCounts first = new PipelineMetrics.RecordCounts();
        PipelineMetrics.RecordCounts second = new PipelineMetrics.RecordCounts();
        first.in();
        second.in();
        second.parsed(ParseStatus.OK);

        metrics.counted(first);
        metrics.counted(second);
        first.in();
        metrics.counted(first);

        assertEquals(3, count("meshlens.records.in"));
        assertEquals(1, count("meshlens.records.parsed"));
    }

    private double count(String name) {
        return registry.get(name).counter().count();
    }
}
