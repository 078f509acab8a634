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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code meshlens demo}: a Kafka broker, the pipeline, the REST API and dashboard, and a Bookinfo-like mesh
 * failing in known ways, all in this process.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the whole thing in one process: Kafka, the pipeline, REST API, dashboard and traffic.",
            "An embedded Kafka broker, the pipeline, the REST API and dashboard, and a traffic generator playing",
            "a Bookinfo-like mesh with failures injected on a schedule. Ctrl-C stops it."})
public final class DemoCommand implements Callable<Integer> {
    private static final Duration SHUTDOWN_LIMIT = Duration.ofSeconds(60);

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

    /** What a started demo offers whoever runs it in-process (tests): where it listens, and its traffic. */
    public record Running(int httpPort, String kafkaBootstrapServers, TrafficGenerator generator) {
    }

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final CompletableFuture<Running> running = new CompletableFuture<>();

    @Override
    public Integer call() throws Exception {
        // Ctrl-C or kill: the JVM exits as soon as its shutdown hooks return, so the hook waits until the broker
        // and the pipeline are closed, or the broker's log and the state stores are left unclean.
        Thread hook = new Thread(() -> {
            stop();
            awaitFinished();
        }, "meshlens-demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return run();
        } finally {
            running.completeExceptionally(new IllegalStateException("the demo has stopped"));
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it is what waits for this
            }
        }
    }

    /** Completes once the demo serves (HTTP port bound, pipeline RUNNING); fails if it stops first. */
    public CompletableFuture<Running> running() {
        return running;
    }

    /** Stops a running demo (as Ctrl-C does); {@link #call} returns once everything is closed. */
    public void stop() {
        stopRequested.countDown();
    }

    private void awaitFinished() {
        try {
            if (!finished.await(SHUTDOWN_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                System.err.println("meshlens demo: not stopped after " + SHUTDOWN_LIMIT.toSeconds() + " s; exiting");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int run() throws Exception {
        if (!EmbeddedKafka.isDemoData(dataDir)) {
            System.err.println("meshlens demo: " + dataDir + " is not empty and was not made by meshlens demo; "
                    + "choose another --data-dir");
            return 2;
        }
        if (!resume) {
            EmbeddedKafka.deleteData(dataDir);
        }
        EmbeddedKafka.markDemoData(dataDir);
        Properties all = new Properties();
        all.setProperty("meshlens.window", window);
        all.setProperty("meshlens.grace", "5s");
        all.setProperty("meshlens.http.host", httpHost);
        all.setProperty("meshlens.http.port", Integer.toString(httpPort));
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir.resolve("kafka"), kafkaPort)) {
            all.setProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            all.setProperty(StreamsConfig.STATE_DIR_CONFIG, dataDir.resolve("streams").toAbsolutePath().toString());
            all.setProperty(StreamsConfig.APPLICATION_ID_CONFIG, "meshlens-demo");
            all.setProperty(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "200");
            // The broker keeps the group of the previous run, whose member never said goodbye: on --resume,
            // nothing is assigned until that member's session times out (45 s by default). 6 s is the least the
            // broker accepts.
            all.setProperty(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "6000");
            all.setProperty(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "1500");
            PipelineSettings settings = PipelineSettings.from(all);
            createTopics(kafka.bootstrapServers(), settings);
            try (MeshLensApp app = MeshLensApp.withServing(settings, ServingSettings.from(all)).start();
                 TrafficGenerator generator = noGenerator ? null : new TrafficGenerator(kafka.bootstrapServers(),
                         settings.inputTopic(), rate, dev.meshlens.app.Durations.parse(phase)).start()) {
                awaitRunning(app.streams());
                printWelcome(kafka.bootstrapServers(), app.httpPort(), settings);
                running.complete(new Running(app.httpPort(), kafka.bootstrapServers(), generator));
                stopRequested.await();
                System.err.println("meshlens demo: stopping");
            }
        }
        System.err.println("meshlens demo: stopped");
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
