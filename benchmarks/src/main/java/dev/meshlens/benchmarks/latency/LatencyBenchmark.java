package dev.meshlens.benchmarks.latency;

import dev.meshlens.app.pipeline.PipelineSettings;
import dev.meshlens.app.pipeline.Topics;
import dev.meshlens.benchmarks.rig.AppProcess;
import dev.meshlens.benchmarks.rig.Args;
import dev.meshlens.benchmarks.rig.BenchBroker;
import dev.meshlens.benchmarks.rig.Drain;
import dev.meshlens.benchmarks.rig.KeyedTraffic;
import dev.meshlens.benchmarks.rig.Machine;
import dev.meshlens.benchmarks.rig.Percentiles;
import dev.meshlens.benchmarks.rig.SteadyLoad;
import dev.meshlens.benchmarks.rig.SyntheticMesh;
import dev.meshlens.benchmarks.rig.WorkDir;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Latency at a fixed share of capacity (see BENCHMARKS.md, "Latency"): one {@code meshlens run} instance
 * with default settings against an embedded broker; capacity measured on a backlog unless given; then a
 * steady background load and two probes, produce-to-queryable over REST and produce-to-alert.
 *
 * <pre>--capacity N (records/s; measured when absent) --share 0.5 --seconds 120 --services 100 --probes 3
 * --work benchmarks/target/latency-work</pre>
 */
public final class LatencyBenchmark {
    private static final long BACKLOG = 300_000;
    private static final long WARM_UP_MILLIS = 10_000;

    private LatencyBenchmark() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        double share = args.number("share", 0.5);
        long seconds = (long) args.number("seconds", 120);
        int services = (int) args.number("services", 100);
        int probes = (int) args.number("probes", 3);
        Path work = WorkDir.fresh(args.text("work", "benchmarks/target/latency-work"));
        System.out.println("machine: " + Machine.describe());
        try (BenchBroker broker = BenchBroker.start(work);
                KafkaProducer<byte[], byte[]> producer = broker.producer()) {
            PipelineSettings topics = broker.createTopics("latency", Topics.DEFAULT_PARTITIONS);
            Traffic traffic = new Traffic(producer, new SyntheticMesh("svc").key(),
                    new KeyedTraffic(new SyntheticMesh("svc"), services));
            double capacity = args.number("capacity", 0);
            if (capacity <= 0) {
                SteadyLoad.burst(traffic.producer, topics.inputTopic(), traffic.key, traffic.source, BACKLOG);
            }
            try (AppProcess app = AppProcess.start(work, "instance-1", "meshlens-latency", broker.bootstrapServers(),
                    topics, Map.of())) {
                app.awaitReady(Duration.ofMinutes(2));
                AppProcess.PreAggregation atStart = app.preAggregation();
                if (capacity <= 0) {
                    Drain.Result drain = Drain.measure(broker, "meshlens-latency", topics.inputTopic(), BACKLOG,
                            List.of(app), Duration.ofMinutes(10));
                    capacity = drain.recordsPerSecond();
                    System.out.printf("capacity: %.0f records/s on a backlog of %,d (instance %.2f cores busy, "
                            + "broker %.2f; %.1f input records per partial aggregate)%n", capacity, BACKLOG,
                            drain.coresBusy(), drain.benchmarkCoresBusy(), app.recordsPerPartial(atStart));
                }
                double rate = capacity * share;
                System.out.printf("offered: %.0f records/s (%.0f %% of capacity), %d services x %d causes, %d s%n",
                        rate, share * 100, services, SyntheticMesh.FAILURES.size(), seconds);
                measure(broker, topics, traffic, app, rate, seconds, probes);
            }
        }
    }

    private static void measure(BenchBroker broker, PipelineSettings topics, Traffic traffic, AppProcess app,
            double rate, long seconds, int probes) throws Exception {
        try (SteadyLoad load = new SteadyLoad(traffic.producer, topics.inputTopic(), traffic.key, traffic.source, rate)
                .start()) {
            Thread.sleep(WARM_UP_MILLIS);
            long end = System.currentTimeMillis() + seconds * 1000;
            long sentBefore = load.sent();
            long startNanos = System.nanoTime();
            Duration startCpu = app.cpuTime();
            AppProcess.PreAggregation startCounts = app.preAggregation();
            List<MarkerProbe> markers = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            SyntheticMesh markerMesh = new SyntheticMesh("marker");
            for (int i = 0; i < probes; i++) {
                MarkerProbe probe = new MarkerProbe(traffic.producer, topics.inputTopic(), app, markerMesh, i, end);
                markers.add(probe);
                threads.add(new Thread(probe, "marker-probe-" + i));
            }
            AlertProbe alerts = new AlertProbe(traffic.producer, topics.inputTopic(), topics.alertTopic(),
                    broker.bootstrapServers(), end);
            threads.add(new Thread(alerts, "alert-probe"));
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join();
            }
            double elapsed = (System.nanoTime() - startNanos) / 1e9;
            double achieved = (load.sent() - sentBefore) / elapsed;
            double coresBusy = app.cpuTime().minus(startCpu).toNanos() / 1e9 / elapsed;
            List<Long> visible = new ArrayList<>();
            markers.forEach(m -> visible.addAll(m.samples()));
            long lag = broker.endOffset(topics.inputTopic()) - broker.committed("meshlens-latency", topics.inputTopic());
            System.out.printf("background sent: %.0f records/s; instance %.2f cores busy; %.1f input records per "
                    + "partial aggregate; input lag at the end: %,d records; load %s%n", achieved, coresBusy,
                    app.recordsPerPartial(startCounts), lag, Machine.load());
            // The instance runs with the defaults: print them as the app derives them, not as remembered here.
            PipelineSettings defaults = PipelineSettings.from(new Properties());
            System.out.println("settings (the app's defaults): " + defaults.kafka().getProperty("processing.guarantee")
                    + ", commit.interval.ms " + defaults.kafka().getProperty("commit.interval.ms")
                    + ", meshlens.flush.interval " + defaults.flushInterval().toMillis() + " ms, window "
                    + defaults.window().toSeconds() + " s, grace " + defaults.grace().toSeconds()
                    + " s, num.stream.threads " + defaults.kafka().getProperty("num.stream.threads")
                    + "; REST polled every " + MarkerProbe.POLL_MILLIS + " ms");
            System.out.println();
            System.out.println("| delay | samples | p50 ms | p99 ms | max ms |");
            System.out.println("|---|---:|---:|---:|---:|");
            row("produce -> queryable over REST", Percentiles.of(visible), "");
            row("produce -> FIRING alert (read_committed)", Percentiles.of(alerts.samples()),
                    " of " + alerts.bursts() + " bursts");
        }
    }

    private static void row(String name, Percentiles p, String note) {
        System.out.printf("| %s | %d%s | %d | %d | %d |%n", name, p.count(), note, p.p50(), p.p99(), p.max());
    }

    /** The producer, record key and background records every part of the run shares. */
    private record Traffic(KafkaProducer<byte[], byte[]> producer, byte[] key, KeyedTraffic source) {
    }
}
