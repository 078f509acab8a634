package dev.meshlens.benchmarks.rig;

import java.time.Duration;
import java.util.List;

/**
 * How fast running instances work through a backlog: the committed input offsets of their group, sampled
 * every 250 ms. The rate is taken between 10 % and 90 % of the backlog, which leaves out the start (tasks
 * being assigned, stores opening, JIT warm-up) and the tail (the last commits).
 */
public final class Drain {
    /**
     * Records/s over the measured stretch, and the CPU used there (cores busy on average) by the instances and
     * by this JVM (the broker, and the producer while it still writes).
     */
    public record Result(double recordsPerSecond, double coresBusy, double benchmarkCoresBusy, double seconds) {
        /** Records per CPU-second of the instances: the rate one fully used core would sustain. */
        public double recordsPerCoreSecond() {
            return recordsPerSecond / coresBusy;
        }
    }

    private Drain() {
    }

    /** Waits until group {@code group} has committed {@code total} records of {@code topic}. */
    public static Result measure(BenchBroker broker, String group, String topic, long total, List<AppProcess> apps,
            Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long startNanos = 0;
        long startRecords = 0;
        Duration startCpu = Duration.ZERO;
        Duration startOwnCpu = Duration.ZERO;
        while (System.nanoTime() < deadline) {
            long committed = broker.committed(group, topic);
            long now = System.nanoTime();
            Duration cpu = apps.stream().map(AppProcess::cpuTime).reduce(Duration.ZERO, Duration::plus);
            Duration ownCpu = ownCpuTime();
            if (startNanos == 0 && committed >= total / 10) {
                startNanos = now;
                startRecords = committed;
                startCpu = cpu;
                startOwnCpu = ownCpu;
            } else if (startNanos != 0 && committed >= total * 9 / 10) {
                double seconds = (now - startNanos) / 1e9;
                double cpuSeconds = cpu.minus(startCpu).toNanos() / 1e9;
                double ownCpuSeconds = ownCpu.minus(startOwnCpu).toNanos() / 1e9;
                awaitCommitted(broker, group, topic, total, deadline);
                return new Result((committed - startRecords) / seconds, cpuSeconds / seconds, ownCpuSeconds / seconds,
                        seconds);
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("backlog of " + total + " not consumed within " + timeout);
    }

    /** CPU time of this JVM: the embedded broker and the load generator. */
    public static Duration ownCpuTime() {
        return ProcessHandle.current().info().totalCpuDuration().orElseThrow();
    }

    /**
     * Waits until the instances have worked through everything written so far: the input, and the partial
     * aggregates the input became on the repartition topic (whose merge can trail the input by many seconds
     * when each partial holds one or two records).
     */
    public static void awaitIdle(BenchBroker broker, String group, String inputTopic, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        awaitCommitted(broker, group, inputTopic, broker.endOffset(inputTopic), deadline);
        for (String partials : broker.repartitionTopics(group)) {
            awaitCommitted(broker, group, partials, broker.endOffset(partials), deadline);
        }
    }

    /** Waits until {@code total} records of {@code topic} are committed. */
    public static void awaitCommitted(BenchBroker broker, String group, String topic, long total, long deadlineNanos)
            throws Exception {
        while (broker.committed(group, topic) < total) {
            if (System.nanoTime() > deadlineNanos) {
                throw new IllegalStateException("backlog of " + total + " not consumed in time");
            }
            Thread.sleep(250);
        }
    }
}
