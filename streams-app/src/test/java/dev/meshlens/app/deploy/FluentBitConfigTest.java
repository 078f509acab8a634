package dev.meshlens.app.deploy;

import static dev.meshlens.app.deploy.DeployFiles.list;
import static dev.meshlens.app.deploy.DeployFiles.named;
import static dev.meshlens.app.deploy.DeployFiles.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshlens.app.pipeline.PipelineSettings;
import dev.meshlens.parser.AccessLogParser;
import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.event.Field;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** deploy/fluent-bit: the DaemonSet runs the ConfigMap's config, which ships what {@code meshlens run} reads. */
class FluentBitConfigTest {
    private static final List<JsonNode> DOCUMENTS = DeployFiles.documents("deploy/fluent-bit/fluent-bit.yaml");
    private static final JsonNode CONFIG_MAP = only(DOCUMENTS, "ConfigMap");
    private static final JsonNode POD = only(DOCUMENTS, "DaemonSet").at("/spec/template/spec");
    private static final JsonNode CONTAINER = named(POD.path("containers"), "fluent-bit");
    private static final ClassicConfig CONFIG = ClassicConfig.parse(CONFIG_MAP.path("data").path(configKey()).asText());
    private static final ClassicConfig.Section TAIL = CONFIG.plugin("INPUT", "tail");
    private static final ClassicConfig.Section KAFKA = CONFIG.plugin("OUTPUT", "kafka");
    private static final String CONTAINER_ID = "0123456789abcdef".repeat(4);

    @Test
    void daemonSetRunsTheConfigFromTheConfigMap() {
        Path config = configPath();
        JsonNode volume = named(POD.path("volumes"), mountOf(config).path("name").asText());
        assertEquals(CONFIG_MAP.at("/metadata/name").asText(), volume.at("/configMap/name").asText());
        assertTrue(CONFIG_MAP.path("data").has(config.getFileName().toString()));
    }

    @Test
    void tailsTheIstioProxyContainersOnly() {
        assertEquals("/var/log/containers/*_istio-proxy-*.log", TAIL.get("Path"));
        PathMatcher path = FileSystems.getDefault().getPathMatcher("glob:" + TAIL.get("Path"));
        // Kubernetes names these files <pod>_<namespace>_<container>-<container id>.log.
        assertTrue(path.matches(containerLog("istio-proxy")));
        assertFalse(path.matches(containerLog("reviews")));
        assertFalse(path.matches(containerLog("istio-init")));
        Set<String> parsers = Arrays.stream(TAIL.get("multiline.parser").split(",")).map(String::strip)
                .collect(Collectors.toSet());
        assertEquals(Set.of("cri", "docker"), parsers);
    }

    @Test
    void everyFilterAndTheOutputMatchTheTailTag() {
        // Tail replaces the tag's * with the file's path, slashes as dots; the kubernetes filter reads the
        // pod and container from what follows Kube_Tag_Prefix.
        String tagPrefix = TAIL.get("Tag").substring(0, TAIL.get("Tag").indexOf('*'));
        String tag = tagPrefix + containerLog("istio-proxy").toString().substring(1).replace('/', '.');
        ClassicConfig.Section kubernetes = CONFIG.plugin("FILTER", "kubernetes");
        String directory = Path.of(TAIL.get("Path")).getParent().toString();
        assertEquals(tagPrefix + directory.substring(1).replace('/', '.') + ".", kubernetes.get("Kube_Tag_Prefix"));
        assertEquals("on", kubernetes.get("Labels").toLowerCase());
        for (ClassicConfig.Section section : CONFIG.sections()) {
            if (!section.name().equals("SERVICE") && !section.name().equals("INPUT")) {
                assertTrue(matches(section.get("Match"), tag), section + " does not match " + tag);
            }
        }
    }

    /**
     * A record as the kubernetes filter leaves it goes through the config's filters and out as JSON: the
     * Kafka key field holds the pod name, and the app still reads pod, namespace and app label from it.
     */
    @Test
    void recordsAreKeyedByPodAndKeepWhatTheAppReads() throws IOException {
        String line = Files.readAllLines(DeployFiles.path("examples/mesh-sample.log")).get(0);
        Map<String, Object> labels = new LinkedHashMap<>(Map.of("app", "reviews", "version", "v2"));
        Map<String, Object> kubernetes = new LinkedHashMap<>();
        kubernetes.put("pod_name", "reviews-v2-7d4b9c-x8k2p");
        kubernetes.put("namespace_name", "bookinfo");
        kubernetes.put("labels", labels);
        kubernetes.put("host", "node-1");
        kubernetes.put("container_name", "istio-proxy");
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("time", "2026-11-20T10:42:00.101000001Z");
        record.put("stream", "stdout");
        record.put("_p", "F");
        record.put("log", line);
        record.put("kubernetes", kubernetes);

        Map<String, Object> shipped = FluentBitFilters.apply(CONFIG.all("FILTER"), record);

        assertEquals("reviews-v2-7d4b9c-x8k2p", shipped.get(KAFKA.get("Message_Key_Field")));
        assertEquals(kubernetes, shipped.get("kubernetes"), "the kubernetes map must reach MeshLens as it was");
        // The kafka output packs its timestamp key first, then the record.
        Map<String, Object> value = new LinkedHashMap<>();
        value.put(KAFKA.get("Timestamp_Key"), 1.7958361201E9);
        value.putAll(shipped);
        byte[] json = DeployFiles.JSON.writeValueAsBytes(value);
        AccessEvent event = new AccessEvent();
        assertTrue(AccessLogParser.auto().parse(json, 0, json.length, event).hasEvent(), event.status().toString());
        assertEquals("reviews-v2-7d4b9c-x8k2p", event.text(Field.K8S_POD).toString());
        assertEquals("bookinfo", event.text(Field.K8S_NAMESPACE).toString());
        assertEquals("reviews", event.text(Field.K8S_APP).toString());
    }

    @Test
    void kafkaOutputWritesTheAppsInputTopicOnItsCluster() {
        assertEquals(PipelineSettings.DEFAULT_INPUT_TOPIC, KAFKA.get("Topics"));
        assertEquals("json", KAFKA.get("Format"));
        assertEquals(appBootstrapServers(), resolve(KAFKA.get("Brokers")));
        assertTrue(Set.of("-1", "all").contains(KAFKA.get("rdkafka.request.required.acks")));
        assertEquals("true", KAFKA.get("rdkafka.enable.idempotence"));
    }

    @Test
    void daemonSetMountsWhatTheConfigReadsAndWrites() {
        JsonNode logs = mountOf(Path.of(TAIL.get("Path")).getParent());
        assertTrue(logs.path("readOnly").asBoolean(), "the logs are read only");
        for (String written : List.of(TAIL.get("DB"), CONFIG.only("SERVICE").get("storage.path"))) {
            JsonNode mount = mountOf(Path.of(written));
            assertFalse(mount.path("readOnly").asBoolean(), written + " is on a read-only mount");
            assertTrue(named(POD.path("volumes"), mount.path("name").asText()).has("hostPath"),
                    written + " must outlive the pod");
        }
        int httpPort = Integer.parseInt(CONFIG.only("SERVICE").get("HTTP_Port"));
        assertEquals(httpPort, named(CONTAINER.path("ports"), "http").path("containerPort").asInt());
        assertEquals("http", CONTAINER.at("/livenessProbe/httpGet/port").asText());
    }

    @Test
    void serviceAccountMayReadPodsAndNamespaces() {
        JsonNode binding = only(DOCUMENTS, "ClusterRoleBinding");
        JsonNode account = only(DOCUMENTS, "ServiceAccount");
        assertEquals(account.at("/metadata/name").asText(), POD.path("serviceAccountName").asText());
        JsonNode subject = binding.at("/subjects/0");
        assertEquals(account.at("/metadata/name").asText(), subject.path("name").asText());
        assertEquals(account.at("/metadata/namespace").asText(), subject.path("namespace").asText());
        JsonNode role = only(DOCUMENTS, "ClusterRole");
        assertEquals(role.at("/metadata/name").asText(), binding.at("/roleRef/name").asText());
        JsonNode rule = role.at("/rules/0");
        Set<String> resources = list(rule.path("resources")).stream().map(JsonNode::asText).collect(Collectors.toSet());
        Set<String> verbs = list(rule.path("verbs")).stream().map(JsonNode::asText).collect(Collectors.toSet());
        assertTrue(resources.containsAll(Set.of("pods", "namespaces")), resources.toString());
        assertEquals(Set.of("get", "list", "watch"), verbs);
    }

    /** The config file the container is started with ({@code -c FILE}). */
    private static Path configPath() {
        List<String> args = list(CONTAINER.path("args")).stream().map(JsonNode::asText).toList();
        return Path.of(args.get(args.indexOf("-c") + 1));
    }

    private static String configKey() {
        return configPath().getFileName().toString();
    }

    /** The volume mount (deepest first) that {@code path} is under. */
    private static JsonNode mountOf(Path path) {
        return list(CONTAINER.path("volumeMounts")).stream()
                .filter(m -> path.startsWith(Path.of(m.path("mountPath").asText())))
                .max((a, b) -> Integer.compare(a.path("mountPath").asText().length(), b.path("mountPath").asText().length()))
                .orElseThrow(() -> new AssertionError(path + " is on no volume of the container"));
    }

    private static Path containerLog(String container) {
        return Path.of("/var/log/containers/reviews-v2-7d4b9c-x8k2p_bookinfo_" + container + "-" + CONTAINER_ID + ".log");
    }

    /** Fluent Bit's Match: {@code *} matches anything. */
    private static boolean matches(String match, String tag) {
        String regex = Arrays.stream(match.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*"));
        return tag.matches(regex);
    }

    /** {@code ${VAR}} from the container's environment, as Fluent Bit expands it. */
    private static String resolve(String value) {
        Matcher variable = Pattern.compile("\\$\\{(\\w+)}").matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (variable.find()) {
            String replacement = named(CONTAINER.path("env"), variable.group(1)).path("value").asText();
            variable.appendReplacement(resolved, Matcher.quoteReplacement(replacement));
        }
        return variable.appendTail(resolved).toString();
    }

    private static String appBootstrapServers() {
        String appConfig = DeployFiles.appConfigMap().at("/data/meshlens.properties").asText();
        return AppSettings.parse(appConfig).getProperty("bootstrap.servers");
    }
}
