package dev.meshlens.app.cli;

import dev.meshlens.app.demo.EmbeddedKafka;
import dev.meshlens.app.demo.TrafficGenerator;
import dev.meshlens.app.pipeline.MeshLensApp;
import dev.meshlens.app.pipeline.PipelineSettings;
import dev.meshlens.app.pipeline.Topics;
import dev.meshlens.app.serving.ServingSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code meshlens demo}: a Kafka broker, the pipeline, the REST API and dashboard, and a Bookinfo-like mesh
 * failing in known ways, all in this process.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Starts an embedded Kafka broker, the pipeline, the REST API and dashboard, and a traffic",
            "generator playing a Bookinfo-like mesh with failures injected on a schedule. Ctrl-C stops it."})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--kafka-port", defaultValue = "9092", description = "Kafka listener port on localhost (0: any). Default: ${DEFAULT-VALUE}.")
    int kafkaPort;

    @Option(names = "--http-port", defaultValue = "8080", description = "REST API and dashboard port (0: any). Default: ${DEFAULT-VALUE}.")
    int httpPort;

    @Option(names = "--http-host", defaultValue = "127.0.0.1", description = "Address the REST API binds to. Default: ${DEFAULT-VALUE}.")
    String httpHost;

    @Option(names = "--rate", defaultValue = "50", description = "User requests per second (each writes several lines). Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--data-dir", defaultValue = "data", description = "Where broker and pipeline state live. Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @Option(names = "--resume", description = "Keep the data of an earlier run (default: start clean).")
    boolean resume;

    @Option(names = "--no-generator", description = "No traffic: feed the input topic yourself (kcat, Fluent Bit, meshlens replay).")
    boolean noGenerator;

    @Option(names = "--window", defaultValue = "10s", description = "Aggregation window. Default: ${DEFAULT-VALUE}.")
    String window;

    @Option(names = "--phase", defaultValue = "20s", description = "How long each scenario (and each healthy pause) lasts. Default: ${DEFAULT-VALUE}.")
    String phase;

    @Override
    public Integer call() throws Exception {
        if (!resume) {
            EmbeddedKafka.deleteData(dataDir);
        }
        Properties all = new Properties();
        all.setProperty("meshlens.window", window);
        all.setProperty("meshlens.grace", "5s");
        all.setProperty("meshlens.http.host", httpHost);
        all.setProperty("meshlens.http.port", Integer.toString(httpPort));
        CountDownLatch stopped = new CountDownLatch(1);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir.resolve("kafka"), kafkaPort)) {
            all.setProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            all.setProperty(StreamsConfig.STATE_DIR_CONFIG, dataDir.resolve("streams").toAbsolutePath().toString());
            all.setProperty(StreamsConfig.APPLICATION_ID_CONFIG, "meshlens-demo");
            all.setProperty(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "200");
            PipelineSettings settings = PipelineSettings.from(all);
            createTopics(kafka.bootstrapServers(), settings);
            try (MeshLensApp app = MeshLensApp.withServing(settings, ServingSettings.from(all)).start();
                 TrafficGenerator generator = noGenerator ? null : new TrafficGenerator(kafka.bootstrapServers(),
                         settings.inputTopic(), rate, dev.meshlens.app.Durations.parse(phase)).start()) {
                Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "meshlens-demo-stop"));
                awaitRunning(app.streams());
                printWelcome(kafka.bootstrapServers(), app.httpPort(), settings);
                stopped.await();
                System.err.println("meshlens demo: stopping");
            }
        }
        return 0;
    }

    /** The pipeline's topics as {@code meshlens topics create} defines them, sized for one broker. */
    private static void createTopics(String bootstrap, PipelineSettings settings) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            var existing = admin.listTopics().names().get();
            List<NewTopic> missing = Topics.of(settings).stream().filter(t -> !existing.contains(t.name()))
                    .map(t -> t.newTopic(Optional.of(3), Optional.of((short) 1))).toList();
            admin.createTopics(missing).all().get();
        }
    }

    private static void awaitRunning(KafkaStreams streams) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    private static void printWelcome(String bootstrap, int httpPort, PipelineSettings settings) {
        String base = "http://localhost:" + httpPort;
        System.out.println("""
                MeshLens demo is running.
                  Dashboard:  %1$s/
                  Kafka:      %2$s (topics %3$s, %4$s, %5$s)
                Try:
                  curl -s '%1$s/api/v1/services?from=-5m'
                  curl -s '%1$s/api/v1/services/reviews.default/causes?from=-5m'
                  curl -s '%1$s/api/v1/alerts?state=firing'
                  kcat -b %2$s -t %5$s -C -o beginning
                Failures are injected in turn (reviews scaled to zero, mTLS mismatch on details, circuit breaker and
                keep-alive resets on ratings, a gateway host without a route, HTTPS to an HTTP port). Ctrl-C stops.
                """.formatted(base, bootstrap, settings.inputTopic(), settings.deadLetterTopic(), settings.alertTopic()));
    }
}
