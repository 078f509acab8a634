package dev.meshlens.app.deploy;

import static dev.meshlens.app.deploy.DeployFiles.list;
import static dev.meshlens.app.deploy.DeployFiles.named;
import static dev.meshlens.app.deploy.DeployFiles.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshlens.app.Main;
import dev.meshlens.app.cli.StandardStreams;
import dev.meshlens.app.pipeline.PipelineSettings;
import dev.meshlens.app.serving.ServingSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/kubernetes: the StatefulSet runs {@code meshlens run} with settings the app reads, on the port it
 * listens on, advertising each pod's stable name, with probes on routes that exist and mean what the
 * probes need.
 */
class KubernetesManifestTest {
    private static final List<JsonNode> DOCUMENTS = DeployFiles.documents("deploy/kubernetes/meshlens.yaml");
    private static final JsonNode CONFIG_MAP = DeployFiles.appConfigMap();
    private static final JsonNode STATEFUL_SET = only("StatefulSet");
    private static final JsonNode POD = STATEFUL_SET.at("/spec/template");
    private static final JsonNode CONTAINER = named(POD.at("/spec/containers"), "meshlens");
    private static final Pattern K8S_VARIABLE = Pattern.compile("\\$\\((\\w+)\\)");
    private static final String TOKEN_FILE_VARIABLE = "MESHLENS_HTTP_TOKEN_FILE";
    private static final String TEST_TOKEN = "token-from-the-secret";

    @TempDir
    static Path stateDir;
    @TempDir
    static Path secretDir;
    private static ServingApp app;

    @BeforeAll
    static void startApp() throws IOException {
        app = new ServingApp(stateDir);
    }

    /** The token file as the pod sees it, with the Secret's mount; its content written here, as in a Secret. */
    @Test
    void theApiTokenIsReadFromTheSecretsMountedFile() {
        Path tokenFile = Path.of(tokenFileInPod());
        JsonNode mount = list(CONTAINER.path("volumeMounts")).stream()
                .filter(m -> tokenFile.getParent().equals(Path.of(m.path("mountPath").asText()))).findFirst()
                .orElseThrow(() -> new AssertionError(tokenFile + " is in no volume mount's own directory"));
        assertTrue(mount.path("readOnly").asBoolean(), mount::toString);
        JsonNode secret = named(POD.at("/spec/volumes"), mount.path("name").asText()).path("secret");
        assertEquals("meshlens-api-token", secret.path("secretName").asText(), "the Secret deploy/README.md creates");
        assertFalse(secret.path("optional").asBoolean(false), "without its Secret the pod must not start with an open API");
        assertEquals(Path.of(mount.path("mountPath").asText()).resolve("token"), tokenFile,
                "the Secret's key, token, is the file named");
        ServingSettings serving = ServingSettings.from(AppSettings.read(configFile(), env()));
        assertTrue(serving.token().accepts("Bearer " + TEST_TOKEN));
    }

    /** Where MESHLENS_HTTP_TOKEN_FILE says the token is, in the pod. */
    static String tokenFileInPod() {
        return named(CONTAINER.path("env"), TOKEN_FILE_VARIABLE).path("value").asText();
    }

    @AfterAll
    static void stopApp() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void settingsAreOnesTheAppReads() {
        Properties file = AppSettings.parse(configFile());
        assertEquals(Map.of(), AppSettings.unknown(file), "unknown keys in the ConfigMap");
        Properties fromEnv = AppSettings.read("", env());
        assertEquals(Map.of(), AppSettings.unknown(fromEnv), "MESHLENS_* variables that set no setting");
        // The topics are the ones Fluent Bit writes and topics-job.yaml creates: the defaults.
        PipelineSettings settings = PipelineSettings.from(AppSettings.read(configFile(), env()));
        PipelineSettings defaults = PipelineSettings.from(new Properties());
        assertEquals(List.of(defaults.inputTopic(), defaults.deadLetterTopic(), defaults.alertTopic()),
                List.of(settings.inputTopic(), settings.deadLetterTopic(), settings.alertTopic()));
    }

    @Test
    void containerCommandIsMeshlensRunWithTheConfigMapsFile() {
        List<String> args = list(CONTAINER.path("args")).stream().map(JsonNode::asText).toList();
        assertEquals("run", args.get(0));
        Main.commandLine(StandardStreams.system()).parseArgs(args.toArray(String[]::new));
        assertEquals(configFilePath(), Path.of(args.get(args.indexOf("--config") + 1)));
    }

    @Test
    void portIsTheOneTheAppListensOn() {
        ServingSettings serving = ServingSettings.from(AppSettings.read(configFile(), env()));
        assertEquals(ServingSettings.from(new Properties()).port(), serving.port(), "the default, meshlens.http.port");
        JsonNode port = named(CONTAINER.path("ports"), "http");
        assertEquals(serving.port(), port.path("containerPort").asInt());
        // Listening beyond loopback, or no probe or Service could reach it.
        assertEquals("0.0.0.0", serving.bindHost());
        for (JsonNode service : List.of(headlessService(), apiService())) {
            JsonNode servicePort = service.at("/spec/ports/0");
            assertEquals(serving.port(), servicePort.path("port").asInt());
            assertEquals(port.path("name").asText(), servicePort.path("targetPort").asText());
            assertEquals(POD.at("/metadata/labels/app.kubernetes.io~1name"), service.at("/spec/selector/app.kubernetes.io~1name"));
        }
    }

    @Test
    void eachPodAdvertisesItsStableName() {
        assertEquals(headlessService().at("/metadata/name").asText(), STATEFUL_SET.at("/spec/serviceName").asText());
        assertEquals("None", headlessService().at("/spec/clusterIP").asText());
        assertTrue(headlessService().at("/spec/publishNotReadyAddresses").asBoolean(),
                "instances must reach each other while not ready (rebalancing)");
        // Kubernetes expands $(VAR) from variables defined before; the pod is <StatefulSet name>-<ordinal>.
        String pod = STATEFUL_SET.at("/metadata/name").asText() + "-0";
        String namespace = STATEFUL_SET.at("/metadata/namespace").asText();
        ServingSettings serving = ServingSettings.from(AppSettings.read(configFile(), env(pod, namespace)));
        assertEquals(pod + "." + headlessService().at("/metadata/name").asText() + "." + namespace + ".svc:"
                + serving.port(), serving.applicationServer());
    }

    @Test
    void stateDirIsOnThePodsOwnVolume() {
        Properties kafka = PipelineSettings.from(AppSettings.read(configFile(), env())).kafka();
        String stateDir = kafka.getProperty("state.dir");
        JsonNode mount = list(CONTAINER.path("volumeMounts")).stream()
                .filter(m -> m.path("mountPath").asText().equals(stateDir)).findFirst()
                .orElseThrow(() -> new AssertionError("state.dir " + stateDir + " is not a volume mount"));
        List<String> claims = list(STATEFUL_SET.at("/spec/volumeClaimTemplates")).stream()
                .map(c -> c.at("/metadata/name").asText()).toList();
        assertTrue(claims.contains(mount.path("name").asText()), "state.dir is on " + mount + ", not on a claim " + claims);
    }

    @Test
    void probesAskRoutesThatTellReadinessFromLiveness() {
        String readiness = CONTAINER.at("/readinessProbe/httpGet/path").asText();
        String liveness = CONTAINER.at("/livenessProbe/httpGet/path").asText();
        assertEquals("http", CONTAINER.at("/readinessProbe/httpGet/port").asText());
        assertEquals("http", CONTAINER.at("/livenessProbe/httpGet/port").asText());
        // The app before Kafka Streams runs: alive (no restart while it starts or rebalances), not ready.
        assertEquals(200, app.get(liveness).statusCode(), liveness);
        assertEquals(503, app.get(readiness).statusCode(), readiness);
        assertEquals(404, app.get("/no-such-route").statusCode(), "routes that do not exist answer 404");
    }

    @Test
    void resourcesAreBoundedAndTheRootFileSystemIsReadOnly() {
        JsonNode resources = CONTAINER.path("resources");
        for (String key : List.of("/requests/cpu", "/requests/memory", "/limits/memory")) {
            assertFalse(resources.at(key).asText().isEmpty(), "resources" + key);
        }
        assertTrue(CONTAINER.at("/securityContext/readOnlyRootFilesystem").asBoolean());
        // RocksDB unpacks its native library into java.io.tmpdir.
        assertTrue(list(CONTAINER.path("volumeMounts")).stream().anyMatch(m -> m.path("mountPath").asText().equals("/tmp")));
        assertTrue(POD.at("/spec/securityContext/runAsNonRoot").asBoolean());
    }

    @Test
    void serviceLinksAreOffSinceTheAppReadsEveryMeshlensVariable() {
        // Kubernetes would add <SERVICE>_SERVICE_HOST, <SERVICE>_PORT, ... for the Service named meshlens.
        String service = apiService().at("/metadata/name").asText().toUpperCase().replace('-', '_');
        Properties linked = AppSettings.read("", Map.of(service + "_SERVICE_HOST", "10.0.0.1",
                service + "_PORT", "tcp://10.0.0.1:8080"));
        assertFalse(linked.isEmpty(), "these variables would be read as settings");
        assertFalse(POD.at("/spec/enableServiceLinks").asBoolean(true));
    }

    @Test
    void disruptionBudgetCoversThePods() {
        JsonNode budget = only("PodDisruptionBudget");
        assertEquals(POD.at("/metadata/labels/app.kubernetes.io~1name"),
                budget.at("/spec/selector/matchLabels/app.kubernetes.io~1name"));
        assertEquals(1, budget.at("/spec/maxUnavailable").asInt());
        assertTrue(STATEFUL_SET.at("/spec/replicas").asInt() > 1);
    }

    @Test
    void topicsJobRunsTopicsCreateWithTheSameFileAndImage() {
        JsonNode job = DeployFiles.yaml("deploy/kubernetes/topics-job.yaml");
        JsonNode spec = job.at("/spec/template/spec");
        JsonNode container = spec.at("/containers/0");
        assertEquals(CONTAINER.path("image"), container.path("image"));
        List<String> args = list(container.path("args")).stream().map(JsonNode::asText).toList();
        assertEquals(List.of("topics", "create"), args.subList(0, 2));
        Main.commandLine(StandardStreams.system()).parseArgs(args.toArray(String[]::new));
        String configVolume = named(spec.path("volumes"), container.at("/volumeMounts/0/name").asText())
                .at("/configMap/name").asText();
        assertEquals(CONFIG_MAP.at("/metadata/name").asText(), configVolume);
        assertEquals(Path.of(container.at("/volumeMounts/0/mountPath").asText()).resolve(configFilePath().getFileName()),
                Path.of(args.get(args.indexOf("--config") + 1)));
        assertFalse(spec.path("enableServiceLinks").asBoolean(true));
    }

    /** The properties file's path in the container: the ConfigMap's mount and key. */
    private static Path configFilePath() {
        JsonNode mount = list(CONTAINER.path("volumeMounts")).stream()
                .filter(m -> named(POD.at("/spec/volumes"), m.path("name").asText()).at("/configMap/name").asText()
                        .equals(CONFIG_MAP.at("/metadata/name").asText()))
                .findFirst().orElseThrow();
        String key = CONFIG_MAP.path("data").fieldNames().next();
        return Path.of(mount.path("mountPath").asText()).resolve(key);
    }

    private static String configFile() {
        return CONFIG_MAP.path("data").path(configFilePath().getFileName().toString()).asText();
    }

    private static Map<String, String> env() {
        return env("meshlens-0", "meshlens");
    }

    /** The container's environment as Kubernetes builds it, field references filled with pod and namespace. */
    private static Map<String, String> env(String pod, String namespace) {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode variable : list(CONTAINER.path("env"))) {
            String value;
            if (variable.has("value")) {
                Matcher reference = K8S_VARIABLE.matcher(variable.path("value").asText());
                StringBuilder expanded = new StringBuilder();
                while (reference.find()) {
                    String defined = env.get(reference.group(1));
                    assertTrue(defined != null, reference.group(1) + " is used before it is defined");
                    reference.appendReplacement(expanded, Matcher.quoteReplacement(defined));
                }
                value = reference.appendTail(expanded).toString();
            } else {
                String field = variable.at("/valueFrom/fieldRef/fieldPath").asText();
                value = switch (field) {
                    case "metadata.name" -> pod;
                    case "metadata.namespace" -> namespace;
                    default -> throw new AssertionError("no test value for " + field);
                };
            }
            env.put(variable.path("name").asText(), value);
        }
        // The Secret's file exists in the pod only: here, a file of the same name with a token in it.
        env.computeIfPresent(TOKEN_FILE_VARIABLE, (name, inPod) -> secretFile(Path.of(inPod).getFileName().toString()));
        return env;
    }

    private static String secretFile(String name) {
        try {
            return Files.writeString(secretDir.resolve(name), TEST_TOKEN + "\n").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode headlessService() {
        return object(DOCUMENTS, "Service", STATEFUL_SET.at("/spec/serviceName").asText());
    }

    private static JsonNode apiService() {
        return DOCUMENTS.stream().filter(d -> d.path("kind").asText().equals("Service")
                && !d.at("/spec/clusterIP").asText().equals("None")).findFirst().orElseThrow();
    }

    private static JsonNode only(String kind) {
        return DeployFiles.only(DOCUMENTS, kind);
    }
}
