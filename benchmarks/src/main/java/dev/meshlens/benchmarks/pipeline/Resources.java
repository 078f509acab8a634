package dev.meshlens.benchmarks.pipeline;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/** CPU and heap of this JVM and the broker's over one run, read at its start and at its end. */
final class Resources {
    private final BrokerProcess broker;
    private final long startNanos;
    private final long clientCpu;
    private final long brokerCpu;

    private Resources(BrokerProcess broker) {
        // A clean heap at the start: the peak then belongs to this run, not to the preload before it.
        System.gc();
        for (MemoryPoolMXBean pool : heapPools()) {
            pool.resetPeakUsage();
        }
        this.broker = broker;
        this.clientCpu = ProcessCpu.self();
        this.brokerCpu = broker.cpuNanos();
        this.startNanos = System.nanoTime();
    }

    static Resources start(BrokerProcess broker) {
        return new Resources(broker);
    }

    /**
     * The run's figures, timed up to now. Call while the run's client is still open: the live heap, measured after
     * a full collection, is what it holds (for the app, its state and buffers).
     */
    Measurement stop(String run, MeshTraffic.Written input, long repartitionRecords) {
        long nanos = System.nanoTime() - startNanos;
        long clientCpuNanos = ProcessCpu.self() - clientCpu;
        long brokerCpuNanos = broker.cpuNanos() - brokerCpu;
        long peak = 0;
        for (MemoryPoolMXBean pool : heapPools()) {
            peak += pool.getPeakUsage().getUsed();
        }
        System.gc();
        long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new Measurement(run, input.records(), input.bytes(), nanos, clientCpuNanos, brokerCpuNanos, peak, live,
                repartitionRecords);
    }

    private static Iterable<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }
}
