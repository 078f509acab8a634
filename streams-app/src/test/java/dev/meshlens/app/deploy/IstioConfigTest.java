package dev.meshlens.app.deploy;

import static dev.meshlens.app.deploy.DeployFiles.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshlens.app.pipeline.PipelineSettings;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** deploy/istio: every sidecar logs each request, in a format {@code meshlens run} reads as configured. */
class IstioConfigTest {

    @Test
    void telemetryTurnsOnTheEnvoyProviderForTheWholeMesh() {
        JsonNode telemetry = DeployFiles.yaml("deploy/istio/telemetry.yaml");
        assertEquals("Telemetry", telemetry.path("kind").asText());
        assertTrue(telemetry.path("apiVersion").asText().startsWith("telemetry.istio.io/"));
        // In the root namespace and without a selector or target: it applies to every workload.
        assertEquals("istio-system", telemetry.at("/metadata/namespace").asText());
        JsonNode spec = telemetry.path("spec");
        assertFalse(spec.has("selector") || spec.has("targetRef") || spec.has("targetRefs"));
        JsonNode logging = spec.path("accessLogging").path(0);
        assertFalse(logging.path("disabled").asBoolean());
        assertTrue(list(logging.path("providers")).stream().anyMatch(p -> p.path("name").asText().equals("envoy")));
    }

    @Test
    void meshConfigLogsToStandardOutputAsText() {
        assertLogsToStandardOutput("deploy/istio/istio-operator-text.yaml", "TEXT");
    }

    @Test
    void meshConfigLogsToStandardOutputAsJson() {
        assertLogsToStandardOutput("deploy/istio/istio-operator-json.yaml", "JSON");
    }

    private static void assertLogsToStandardOutput(String file, String encoding) {
        JsonNode operator = DeployFiles.yaml(file);
        assertEquals("IstioOperator", operator.path("kind").asText());
        JsonNode mesh = operator.at("/spec/meshConfig");
        // Standard output is what the container runtime writes to the files Fluent Bit tails.
        assertEquals("/dev/stdout", mesh.path("accessLogFile").asText());
        assertEquals(encoding, mesh.path("accessLogEncoding").asText());
        // Istio's own formats are detected by the app (format auto); a custom one must be given to it too.
        Properties app = AppSettings.read(DeployFiles.appConfigMap().at("/data/meshlens.properties").asText(), Map.of());
        String appFormat = PipelineSettings.from(app).format();
        assertEquals(mesh.has("accessLogFormat") ? mesh.path("accessLogFormat").asText() : "auto", appFormat);
    }
}
