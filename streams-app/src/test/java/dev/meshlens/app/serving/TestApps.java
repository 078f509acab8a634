package dev.meshlens.app.serving;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshlens.app.pipeline.MeshLensApp;
import dev.meshlens.app.pipeline.PipelineSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/** Instances of the real pipeline with serving, set up for tests: short windows and commits, HTTP on any port. */
public final class TestApps {
    public static final String INPUT = PipelineSettings.DEFAULT_INPUT_TOPIC;

    private TestApps() {
    }

    /** The topics the pipeline reads and writes, the input with {@code inputPartitions} partitions. */
    public static void createTopics(KafkaBroker kafka, int inputPartitions) throws Exception {
        kafka.createTopics(Map.of(INPUT, inputPartitions, PipelineSettings.DEFAULT_DEAD_LETTER_TOPIC, 1,
                PipelineSettings.DEFAULT_ALERT_TOPIC, 1));
    }

    /**
     * Creates the topics and sends {@link SampleMesh}'s traffic over the three whole windows that ended last
     * (all inside the API's default range, the last 15 minutes).
     */
    public static MeshLedger sendSampleTraffic(KafkaBroker kafka, int inputPartitions, long windowMillis,
            int extraServices) throws Exception {
        createTopics(kafka, inputPartitions);
        long first = Math.floorDiv(System.currentTimeMillis(), windowMillis) * windowMillis - 3 * windowMillis;
        MeshLedger mesh = SampleMesh.build(first, windowMillis, extraServices);
        kafka.send(mesh.records(INPUT));
        return mesh;
    }

    /**
     * Settings of one instance of application {@code applicationId}, state under {@code stateDir}: windows of
     * {@code window}, a grace long enough that no test record is late, 1 h retention.
     */
    public static Properties settings(KafkaBroker kafka, String applicationId, Path stateDir, Duration window) {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", kafka.bootstrapServers());
        p.setProperty("application.id", applicationId);
        p.setProperty("state.dir", stateDir.toString());
        p.setProperty("commit.interval.ms", "100");
        // A closed instance's partitions move after its session times out: 6 s, the broker's least.
        p.setProperty("session.timeout.ms", "6000");
        p.setProperty("heartbeat.interval.ms", "1000");
        p.setProperty("meshlens.window", window.toMillis() + "ms");
        p.setProperty("meshlens.grace", "5m");
        p.setProperty("meshlens.retention", "1h");
        p.setProperty("meshlens.flush.interval", "200ms");
        p.setProperty("meshlens.http.host", "127.0.0.1");
        p.setProperty("meshlens.http.port", "0");
        return p;
    }

    /** Waits until the instance behind {@code http} is ready and its services listing counts {@code requests}. */
    public static void awaitCounted(Http http, long requests) {
        Await.until(Duration.ofSeconds(120), "/ready to answer 200", () -> http.get("/ready"), r -> r.status() == 200);
        Await.until(Duration.ofSeconds(90), "every request sent to be counted (" + requests + ")",
                () -> http.get("/api/v1/services"), r -> r.status() == 200 && sum(r.json(), "requests") == requests);
    }

    public static long sum(JsonNode rows, String field) {
        long total = 0;
        for (JsonNode row : rows) {
            total += row.get(field).asLong();
        }
        return total;
    }

    public static MeshLensApp start(Properties all) throws IOException {
        return MeshLensApp.withServing(PipelineSettings.from(all), ServingSettings.from(all)).start();
    }
}
