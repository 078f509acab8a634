package dev.meshlens.benchmarks.pipeline;

import dev.meshlens.app.pipeline.Topics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.streams.StreamsConfig;

/**
 * End-to-end throughput: preloads Fluent Bit records into the input topic of a real broker (in its own JVM),
 * then, in turn, reads them all with a plain consumer (the limit) and runs the MeshLens pipeline over them from
 * offset 0 with exactly_once_v2 and with at_least_once, and prints each against the limit of the same round.
 * A small round first warms the JIT of every path; its figures are not reported.
 *
 * <p>Options: {@code --records N} (2,000,000, 3 GB: with fewer, group join and the first commits weigh on the
 * figures; 300,000 records took 5 s an app run here), {@code --partitions P} (the deployment default),
 * {@code --repeat R} (2, the table shows medians; about 4 minutes in all on 2 cores),
 * {@code --namespaces K} (40 Bookinfo copies, 4 services each), {@code --warmup N} (30,000), {@code --jfr FILE}
 * (profile the last exactly-once run), and {@code --set key=value} for any Kafka Streams or client setting of the
 * app (repeatable; the plain consumer gets the same).
 */
public final class PipelineBenchmark {
    private static final String EOS = StreamsConfig.EXACTLY_ONCE_V2;
    private static final String ALOS = StreamsConfig.AT_LEAST_ONCE;
    /** Event time of the generated mesh: 20,000 requests/s, so a million records span under a minute. */
    private static final int MESH_REQUESTS_PER_SECOND = 20_000;

    private final Options options;
    private final BrokerProcess broker;
    private final MeshTraffic traffic;

    private PipelineBenchmark(Options options, BrokerProcess broker) {
        this.options = options;
        this.broker = broker;
        this.traffic = new MeshTraffic(options.namespaces, MESH_REQUESTS_PER_SECOND);
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        try (BrokerProcess broker = BrokerProcess.start("2g")) {
            System.out.println("broker: KRaft, broker and controller in one JVM of its own, " + broker.bootstrapServers());
            new PipelineBenchmark(options, broker).run();
        }
    }

    private void run() throws Exception {
        String warmUp = "input-warm-up";
        round(warmUp, preload(warmUp, options.warmup), "warm-up", Optional.empty());
        String input = "input";
        MeshTraffic.Written written = preload(input, options.records);
        List<List<Measurement>> rounds = new ArrayList<>();
        for (int i = 1; i <= options.repeat; i++) {
            rounds.add(round(input, written, "round " + i, i == options.repeat ? options.jfr : Optional.empty()));
        }
        ResultTable.print(rounds, System.out);
    }

    private MeshTraffic.Written preload(String topic, int records) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, options.partitions, (short) 1))).all().get();
        }
        long start = System.nanoTime();
        MeshTraffic.Written written = traffic.preload(broker.bootstrapServers(), topic, records);
        System.out.printf("preloaded %,d records (%,.0f MB, %.0f bytes each) into %s (%d partitions) in %.1f s%n",
                written.records(), written.bytes() / 1e6, (double) written.bytes() / written.records(), topic,
                options.partitions, (System.nanoTime() - start) / 1e9);
        return written;
    }

    /** The limit and the app under one guarantee, then under the other: each app run next to its own limit. */
    private List<Measurement> round(String input, MeshTraffic.Written written, String name, Optional<Path> jfr)
            throws Exception {
        List<Measurement> round = new ArrayList<>();
        for (String guarantee : List.of(EOS, ALOS)) {
            Properties settings = appSettings(input, guarantee);
            round.add(report(name, PlainConsumerLimit.run(limitName(guarantee), settings, input, written, broker)));
            Optional<Path> profile = guarantee.equals(EOS) ? jfr : Optional.empty();
            round.add(report(name, profiled(profile, () -> AppRun.run(guarantee, settings, input, written, broker))));
        }
        return round;
    }

    static String limitName(String guarantee) {
        return "limit (" + guarantee + " consumer)";
    }

    private static Measurement report(String round, Measurement m) {
        System.out.printf("%s, %s: %,.0f records/s, %.1f MB/s, %.1f s%n", round, m.run(), m.recordsPerSecond(),
                m.megabytesPerSecond(), m.nanos() / 1e9);
        return m;
    }

    private interface Timed {
        Measurement run() throws Exception;
    }

    private static Measurement profiled(Optional<Path> jfr, Timed run) throws Exception {
        if (jfr.isEmpty()) {
            return run.run();
        }
        // JFR's "default" settings: "profile" also records every GC promotion and object allocation sample, which
        // slowed the exactly-once run 2.6x (18,925 against 49,353 records/s) and so measured a different program.
        try (Recording recording = new Recording(Configuration.getConfiguration("default"))) {
            recording.start();
            Measurement measurement = run.run();
            recording.stop();
            recording.dump(jfr.get());
            System.out.println("profile of this run: " + jfr.get());
            return measurement;
        }
    }

    /** The app's settings for one run: a fresh application.id, its own output topics, and the --set overrides. */
    private Properties appSettings(String input, String guarantee) throws Exception {
        String id = "meshlens-bench-" + UUID.randomUUID().toString().substring(0, 8);
        Properties settings = new Properties();
        settings.put("meshlens.input.topic", input);
        settings.put("meshlens.dlq.topic", id + ".dlq");
        settings.put("meshlens.alerts.topic", id + ".alerts");
        settings.put(StreamsConfig.APPLICATION_ID_CONFIG, id);
        settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        settings.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        settings.putAll(options.kafka);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(id + ".dlq", 2, (short) 1),
                    new NewTopic(id + ".alerts", 2, (short) 1))).all().get();
        }
        return settings;
    }

    /** The command line. */
    private record Options(int records, int partitions, int repeat, int namespaces, int warmup, Optional<Path> jfr,
                           Map<String, String> kafka) {
        static Options parse(String[] args) {
            int records = 2_000_000;
            int partitions = Topics.DEFAULT_PARTITIONS;
            int repeat = 2;
            int namespaces = 40;
            int warmup = 30_000;
            Optional<Path> jfr = Optional.empty();
            Map<String, String> kafka = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : "";
                switch (args[i]) {
                    case "--records" -> records = Integer.parseInt(value.replace("_", ""));
                    case "--partitions" -> partitions = Integer.parseInt(value);
                    case "--repeat" -> repeat = Integer.parseInt(value);
                    case "--namespaces" -> namespaces = Integer.parseInt(value);
                    case "--warmup" -> warmup = Integer.parseInt(value.replace("_", ""));
                    case "--jfr" -> jfr = Optional.of(Path.of(value));
                    case "--set" -> kafka.put(value.substring(0, value.indexOf('=')), value.substring(value.indexOf('=') + 1));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + "; known: --records --partitions --repeat --namespaces --warmup --jfr --set key=value");
                }
                i++;
            }
            return new Options(records, partitions, repeat, namespaces, warmup, jfr, Map.copyOf(kafka));
        }
    }
}
