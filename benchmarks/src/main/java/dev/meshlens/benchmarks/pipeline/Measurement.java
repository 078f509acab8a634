package dev.meshlens.benchmarks.pipeline;

/**
 * One timed read of the whole input topic. {@code clientCpuNanos} is this JVM's CPU time (the consumer or the
 * app, nothing else runs then), {@code brokerCpuNanos} the broker JVM's. {@code repartitionRecords} is -1 for
 * the plain consumer, which has none.
 */
record Measurement(String run, long records, long bytes, long nanos, long clientCpuNanos, long brokerCpuNanos,
                   long peakHeapBytes, long liveHeapBytes, long repartitionRecords) {

    double recordsPerSecond() {
        return records * 1e9 / nanos;
    }

    double megabytesPerSecond() {
        return bytes * 1e9 / nanos / 1_000_000;
    }

    /** Repartition records as a percentage of the input records. */
    double repartitionPercent() {
        return repartitionRecords < 0 ? Double.NaN : 100.0 * repartitionRecords / records;
    }

    /** The client's CPU time per record, in microseconds. */
    double clientCpuMicrosPerRecord() {
        return clientCpuNanos / 1e3 / records;
    }
}
