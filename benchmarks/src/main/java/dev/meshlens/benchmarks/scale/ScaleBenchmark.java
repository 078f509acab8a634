package dev.meshlens.benchmarks.scale;

import dev.meshlens.app.pipeline.PipelineSettings;
import dev.meshlens.benchmarks.rig.AppProcess;
import dev.meshlens.benchmarks.rig.Args;
import dev.meshlens.benchmarks.rig.BenchBroker;
import dev.meshlens.benchmarks.rig.Drain;
import dev.meshlens.benchmarks.rig.KeyedTraffic;
import dev.meshlens.benchmarks.rig.Machine;
import dev.meshlens.benchmarks.rig.SteadyLoad;
import dev.meshlens.benchmarks.rig.SyntheticMesh;
import dev.meshlens.benchmarks.rig.WorkDir;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Scale (see BENCHMARKS.md, "Scale"), each {@code meshlens run} instance in its own JVM with its own state
 * directory, against one embedded broker:
 * <ol>
 * <li>keys: at one offered rate, 100 / 10k / 100k distinct (service, cause) keys; CPU per record, heap after a
 *     full GC, resident memory and state on disk. Every key is created first (a backlog that touches each
 *     once), then the steady load runs; the 10k-key case runs again at a quarter of the rate, to tell memory
 *     that follows cardinality from memory that follows rate.</li>
 * <li>instances: 1, 2, 4 instances of one application on a 4-partition input draining one backlog; records/s
 *     in total and per CPU-second of the instances.</li>
 * </ol>
 * <pre>--rate 2000 --seconds 45 --keys 100,10000,100000 --instances 1,2,4 --backlog 200000
 * --work benchmarks/target/scale-work</pre>
 */
public final class ScaleBenchmark {
    private static final int PARTITIONS = 4;
    private static final int INSTANCE_KEYS = 10_000;
    private static final Duration READY = Duration.ofMinutes(3);

    private ScaleBenchmark() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        double rate = args.number("rate", 2000);
        long seconds = (long) args.number("seconds", 45);
        long backlog = (long) args.number("backlog", 200_000);
        Path work = WorkDir.fresh(args.text("work", "benchmarks/target/scale-work"));
        System.out.println("machine: " + Machine.describe());
        try (BenchBroker broker = BenchBroker.start(work);
                KafkaProducer<byte[], byte[]> producer = broker.producer()) {
            Rig rig = new Rig(broker, producer, work);
            System.out.println();
            System.out.println("| keys (services x causes) | offered rec/s | consumed rec/s | catch-up s "
                    + "| instance cores busy | CPU µs/record | records/partial | heap after GC MB | resident MB "
                    + "| state on disk MB | load |");
            System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
            for (int keys : ints(args.text("keys", "100,10000,100000"))) {
                System.out.println(rig.keysRun(keys, rate, seconds));
            }
            System.out.println(rig.keysRun(INSTANCE_KEYS, rate / 4, seconds));
            System.out.println();
            System.out.println("| instances | input partitions | records/s total | instance cores busy "
                    + "| records per CPU-second | broker+generator cores busy | load |");
            System.out.println("|---:|---:|---:|---:|---:|---:|---|");
            for (int instances : ints(args.text("instances", "1,2,4"))) {
                System.out.println(rig.instancesRun(instances, backlog));
            }
        }
    }

    private static int[] ints(String list) {
        return Arrays.stream(list.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    /** The broker, producer and work directory each run of the benchmark uses. */
    private record Rig(BenchBroker broker, KafkaProducer<byte[], byte[]> producer, Path work) {

        String keysRun(int keys, double rate, long seconds) throws Exception {
            String name = "keys-" + keys + "-rate-" + (long) rate;
            PipelineSettings topics = broker.createTopics(name, PARTITIONS);
            SyntheticMesh mesh = new SyntheticMesh("svc");
            KeyedTraffic traffic = new KeyedTraffic(mesh, keys / SyntheticMesh.FAILURES.size());
            // Every key once: 2 records in 5 are failures, and the failures walk all keys in turn.
            long touchAll = traffic.keys() * 5 / 2;
            SteadyLoad.burst(producer, topics.inputTopic(), mesh.key(), traffic, touchAll);
            try (AppProcess app = AppProcess.start(work, name, name, broker.bootstrapServers(), topics, Map.of())) {
                app.awaitReady(READY);
                Drain.awaitCommitted(broker, name, topics.inputTopic(), touchAll, System.nanoTime() + READY.toNanos());
                Drain.awaitIdle(broker, name, topics.inputTopic(), READY);
                long committedBefore = broker.committed(name, topics.inputTopic());
                Duration cpuBefore = app.cpuTime();
                AppProcess.PreAggregation countsBefore = app.preAggregation();
                long start = System.nanoTime();
                try (SteadyLoad load = new SteadyLoad(producer, topics.inputTopic(), mesh.key(), traffic, rate).start()) {
                    Thread.sleep(seconds * 1000);
                }
                // Measured until the instance has worked through all it was offered, partials included: the rate
                // it sustained, and the catch-up time after the load stopped (near 0 when it kept up).
                long offered = broker.endOffset(topics.inputTopic());
                Drain.awaitIdle(broker, name, topics.inputTopic(), READY);
                double elapsed = (System.nanoTime() - start) / 1e9;
                long consumed = offered - committedBefore;
                double cpuSeconds = app.cpuTime().minus(cpuBefore).toNanos() / 1e9;
                double heap = app.heapAfterGcMb();
                return String.format("| %,d | %.0f | %.0f | %.1f | %.2f | %.0f | %.1f | %.1f | %.0f | %.1f | %s |",
                        traffic.keys(), rate, consumed / elapsed, elapsed - seconds, cpuSeconds / elapsed,
                        cpuSeconds * 1e6 / consumed, app.recordsPerPartial(countsBefore), heap, app.residentMb(),
                        app.stateOnDiskMb(), Machine.load());
            }
        }

        String instancesRun(int count, long backlog) throws Exception {
            String name = "instances-" + count;
            PipelineSettings topics = broker.createTopics(name, PARTITIONS);
            SyntheticMesh mesh = new SyntheticMesh("svc");
            List<AppProcess> apps = new ArrayList<>();
            try {
                for (int i = 1; i <= count; i++) {
                    apps.add(AppProcess.start(work, name + "-" + i, name, broker.bootstrapServers(), topics, Map.of()));
                }
                awaitSettled(apps);
                SteadyLoad.burst(producer, topics.inputTopic(), mesh.key(),
                        new KeyedTraffic(mesh, INSTANCE_KEYS / SyntheticMesh.FAILURES.size()), backlog);
                Drain.Result drain = Drain.measure(broker, name, topics.inputTopic(), backlog, apps, Duration.ofMinutes(10));
                return String.format("| %d | %d | %.0f | %.2f | %.0f | %.2f | %s |", count, PARTITIONS,
                        drain.recordsPerSecond(), drain.coresBusy(), drain.recordsPerCoreSecond(),
                        drain.benchmarkCoresBusy(), Machine.load());
            } finally {
                apps.forEach(AppProcess::close);
            }
        }

        /**
         * Every instance ready, and still ready a few seconds later: an instance that joins makes the others
         * rebalance, which must be over before the backlog arrives.
         */
        private static void awaitSettled(List<AppProcess> apps) throws Exception {
            for (int round = 0; round < 2; round++) {
                for (AppProcess app : apps) {
                    app.awaitReady(READY);
                }
                Thread.sleep(3000);
            }
        }
    }
}
