package dev.meshlens.benchmarks.rig;

import java.util.Arrays;
import java.util.List;

/** p50, p99 and max of a list of samples (nearest rank: the p99 of 100 samples is the 99th smallest). */
public record Percentiles(int count, long p50, long p99, long max) {
    public static Percentiles of(List<Long> samples) {
        if (samples.isEmpty()) {
            return new Percentiles(0, -1, -1, -1);
        }
        long[] sorted = samples.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return new Percentiles(sorted.length, rank(sorted, 50), rank(sorted, 99), sorted[sorted.length - 1]);
    }

    private static long rank(long[] sorted, int percentile) {
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
