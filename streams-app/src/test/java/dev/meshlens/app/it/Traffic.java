package dev.meshlens.app.it;

import dev.meshlens.diagnosis.Cause;
import dev.meshlens.diagnosis.Direction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Test input written from a plan: so many lines of each (hop, outcome, window), spread over the hop's pods
 * and mixed in a fixed pseudo-random order, with the counts the pipeline must end up with.
 */
final class Traffic {
    /** What the window store must count: requests of one (service, direction, cause) in one window. */
    record Count(String service, Direction direction, Cause cause, long windowStart) implements Comparable<Count> {
        private static final Comparator<Count> ORDER = Comparator.comparingLong(Count::windowStart)
                .thenComparing(Count::service).thenComparing(Count::direction).thenComparing(Count::cause);

        @Override
        public int compareTo(Count other) {
            return ORDER.compare(this, other);
        }
    }

    private final List<ProducerRecord<byte[], byte[]>> records;
    private final Map<Count, Long> expected;

    private Traffic(List<ProducerRecord<byte[], byte[]>> records, Map<Count, Long> expected) {
        this.records = records;
        this.expected = expected;
    }

    /** The records for {@code topic}, each in the order planned, partitioned by the producer. */
    List<ProducerRecord<byte[], byte[]>> records() {
        return records;
    }

    /** Every (service, direction, cause, window) planned, with its number of lines. */
    Map<Count, Long> expectedCounts() {
        return expected;
    }

    long lines() {
        return records.size();
    }

    /** The counts of all of {@code parts} together. */
    static Map<Count, Long> expectedCounts(Traffic... parts) {
        Map<Count, Long> sum = new TreeMap<>();
        for (Traffic part : parts) {
            part.expected.forEach((count, lines) -> sum.merge(count, lines, Long::sum));
        }
        return sum;
    }

    /**
     * One line of every hop in a window late enough to resolve every alert of windows 0 and 1 (with
     * {@link Deployment}'s window and grace): with one quiet window to wait for and 30 s of grace, a breach in
     * window 1 resolves when stream time reaches 1 + 2 windows + 30 s, window 6. One line per hop, so that it
     * reaches every service's task. Send it only after the windows it closes have been read.
     */
    static Traffic quietLater(String topic, long firstWindowStart) {
        Builder quiet = to(topic, firstWindowStart, Deployment.WINDOW);
        for (Hop hop : Hop.values()) {
            quiet.add(hop, Outcome.SERVED, 6, 1);
        }
        return quiet.build();
    }

    static Builder to(String topic, long firstWindowStart, Duration window) {
        return new Builder(topic, firstWindowStart, window.toMillis());
    }

    static final class Builder {
        /** Fluent Bit ships a line a little after the request started; far enough to cross a window's end. */
        private static final long SHIPPING_DELAY_MILLIS = 1_500;

        private final String topic;
        private final long firstWindowStart;
        private final long windowMillis;
        private final List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        private final Map<Count, Long> expected = new TreeMap<>();

        private Builder(String topic, long firstWindowStart, long windowMillis) {
            this.topic = topic;
            this.firstWindowStart = firstWindowStart;
            this.windowMillis = windowMillis;
        }

        /** {@code lines} requests on {@code hop} that ended as {@code outcome}, in window {@code window} (0, 1, ...). */
        Builder add(Hop hop, Outcome outcome, int window, int lines) {
            long windowStart = firstWindowStart + window * windowMillis;
            for (int i = 0; i < lines; i++) {
                int n = records.size();
                // Spread over the whole window, last millisecond included.
                long start = windowStart + (long) i * (windowMillis - 1) / Math.max(1, lines - 1);
                String pod = hop.workload.pods.get(n % hop.workload.pods.size());
                String line = FluentBitRecords.accessLine(hop, outcome, start,
                        String.format("6f1c2a4e-%04x-4e8a-9c11-%012x", outcome.ordinal(), n));
                byte[] key = hop.workload.keyedByPod ? pod.getBytes(StandardCharsets.UTF_8) : null;
                records.add(new ProducerRecord<>(topic, key,
                        FluentBitRecords.value(line, hop.workload, pod, start + SHIPPING_DELAY_MILLIS)));
            }
            expected.merge(new Count(hop.service, hop.direction, outcome.cause, windowStart), (long) lines, Long::sum);
            return this;
        }

        Traffic build() {
            List<ProducerRecord<byte[], byte[]>> mixed = new ArrayList<>(records);
            Collections.shuffle(mixed, new Random(20261122L));
            return new Traffic(List.copyOf(mixed), Collections.unmodifiableMap(expected));
        }
    }
}
