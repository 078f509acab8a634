package dev.meshlens.app.deploy;

import dev.meshlens.app.alerts.AlertRules;
import dev.meshlens.app.pipeline.MeshLensTopology;
import dev.meshlens.app.pipeline.PipelineSettings;
import dev.meshlens.diagnosis.CauseRules;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The metric names (Prometheus form) and their label names that the app exposes, collected from the app
 * itself: {@code /metrics} of a {@link ServingApp} (JVM, Kafka Streams and HTTP metrics, the pipeline's
 * counters), plus the pipeline run over examples/mesh-sample.log, since some series exist only once a
 * failure was counted (meshlens_failures_total).
 */
final class ExposedMetrics {
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"");

    private ExposedMetrics() {
    }

    static Map<String, Set<String>> collect(ServingApp app) throws IOException {
        Map<String, Set<String>> metrics = new TreeMap<>();
        app.get("/metrics");
        // The second scrape includes the timer of the first request.
        add(metrics, app.get("/metrics").body());
        add(metrics, pipelineRun());
        return metrics;
    }

    private static String pipelineRun() throws IOException {
        Properties settings = new Properties();
        settings.setProperty("bootstrap.servers", "unused:9092");
        PipelineSettings pipeline = PipelineSettings.from(settings);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (TopologyTestDriver driver = new TopologyTestDriver(MeshLensTopology.build(pipeline, CauseRules.builtIn(),
                AlertRules.builtIn(), registry), pipeline.kafka())) {
            TestInputTopic<byte[], byte[]> input = driver.createInputTopic(pipeline.inputTopic(),
                    new ByteArraySerializer(), new ByteArraySerializer());
            for (String line : Files.readAllLines(DeployFiles.path("examples/mesh-sample.log"))) {
                input.pipeInput(null, line.getBytes(StandardCharsets.UTF_8));
            }
        }
        return registry.scrape();
    }

    /** Each sample line {@code name{label="value",...} value} adds its name and label names. */
    private static void add(Map<String, Set<String>> metrics, String scrape) {
        for (String line : scrape.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = line.indexOf('{') >= 0 ? line.indexOf('{') : line.indexOf(' ');
            Set<String> labels = metrics.computeIfAbsent(line.substring(0, end), k -> new HashSet<>());
            if (line.indexOf('{') >= 0) {
                Matcher label = LABEL.matcher(line.substring(end, line.lastIndexOf('}')));
                while (label.find()) {
                    labels.add(label.group(1));
                }
            }
        }
    }
}
