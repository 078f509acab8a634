package dev.meshlens.app.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.meshlens.app.alerts.Alert;
import dev.meshlens.app.alerts.AlertRules;
import dev.meshlens.app.alerts.JsonSerde;
import dev.meshlens.diagnosis.Cause;
import dev.meshlens.diagnosis.CauseRules;
import dev.meshlens.diagnosis.Direction;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.Test;

class TopologySmokeTest {
    private static final String UF_TLS = "[2026-11-20T10:42:%02d.220Z] \"GET /reviews/0 HTTP/1.1\" 503 UF "
            + "upstream_reset_before_response_started{connection_failure,TLS_error:_WRONG_VERSION_NUMBER} - \"-\" 0 190 3 - "
            + "\"-\" \"curl\" \"id-%d\" \"reviews:9080\" \"10.40.2.17:9080\" outbound|9080|v2|reviews.default.svc.cluster.local "
            + "- 10.96.18.4:9080 10.40.1.9:40124 - default";

    @Test
    void countsCausesPerWindowAndFiresOnce() {
        Properties props = new Properties();
        props.put("application.id", "smoke");
        props.put("bootstrap.servers", "dummy:9092");
        PipelineSettings settings = PipelineSettings.from(props);
        try (TopologyTestDriver driver = new TopologyTestDriver(MeshLensTopology.build(settings, CauseRules.builtIn(),
                AlertRules.builtIn(), new SimpleMeterRegistry()), settings.kafka())) {
            TestInputTopic<byte[], byte[]> in = driver.createInputTopic(settings.inputTopic(), new ByteArraySerializer(),
                    new ByteArraySerializer());
            for (int i = 0; i < 6; i++) {
                in.pipeInput(null, String.format(UF_TLS, i, i).getBytes(StandardCharsets.UTF_8));
            }
            in.pipeInput(null, "garbage".getBytes(StandardCharsets.UTF_8));
            WindowStore<String, ServiceWindow> store = driver.getWindowStore(MeshLensTopology.SERVICE_WINDOWS_STORE);
            long start = Instant.parse("2026-11-20T10:42:00Z").toEpochMilli();
            ServiceWindow w = store.fetch("reviews.default", start);
            assertEquals(6, w.requests());
            assertEquals(6, w.causeCounts(Direction.OUTBOUND, Cause.MTLS_MISMATCH).count());
            TestOutputTopic<String, Alert> alerts = driver.createOutputTopic(settings.alertTopic(),
                    Serdes.String().deserializer(), new JsonSerde<>(Alert.class).deserializer());
            List<KeyValue<String, Alert>> fired = alerts.readKeyValuesToList();
            assertEquals(1, fired.size(), fired.toString());
            assertEquals(Alert.State.FIRING, fired.get(0).value.state());
            assertEquals(1, driver.createOutputTopic(settings.deadLetterTopic(), Serdes.ByteArray().deserializer(),
                    Serdes.ByteArray().deserializer()).readRecordsToList().size());
        }
    }
}
