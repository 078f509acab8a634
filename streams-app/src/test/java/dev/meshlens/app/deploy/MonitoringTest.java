package dev.meshlens.app.deploy;

import static dev.meshlens.app.deploy.DeployFiles.list;
import static dev.meshlens.app.deploy.DeployFiles.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/prometheus and deploy/grafana: every metric the rules and the dashboard query is one the app
 * exposes, with the labels they use, and Prometheus scrapes the app where it serves them.
 */
class MonitoringTest {
    /** Series Prometheus makes itself for every target. */
    private static final Set<String> PROMETHEUS_OWN = Set.of("up");
    /** Labels Prometheus adds to every series of a target. */
    private static final Set<String> TARGET_LABELS = Set.of("job", "instance");
    private static final Pattern JOB = Pattern.compile("\\bjob\\s*=\\s*\"([^\"]*)\"");

    @TempDir
    static Path stateDir;
    private static ServingApp app;
    private static Map<String, Set<String>> exposed;

    @BeforeAll
    static void startApp() throws IOException {
        app = new ServingApp(stateDir);
        exposed = ExposedMetrics.collect(app);
    }

    @AfterAll
    static void stopApp() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void rulesQueryOnlyWhatTheAppExposes() {
        List<String> problems = new ArrayList<>();
        for (JsonNode rule : rules()) {
            problems.addAll(check(rule.path("alert").asText(), PromQl.of(rule.path("expr").asText())));
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void dashboardQueriesOnlyWhatTheAppExposes() {
        JsonNode dashboard = DeployFiles.json("deploy/grafana/meshlens-dashboard.json");
        List<String> problems = new ArrayList<>();
        int queries = 0;
        for (JsonNode panel : panels(dashboard.path("panels"))) {
            for (JsonNode target : list(panel.path("targets"))) {
                problems.addAll(check(panel.path("title").asText(), PromQl.of(target.path("expr").asText())));
                queries++;
            }
        }
        for (JsonNode variable : list(dashboard.at("/templating/list"))) {
            if (variable.path("type").asText().equals("query")) {
                JsonNode query = variable.path("query");
                String text = query.isObject() ? query.path("query").asText() : query.asText();
                problems.addAll(check("$" + variable.path("name").asText(), PromQl.ofGrafanaQuery(text)));
                queries++;
            }
        }
        assertTrue(queries >= 10, "only " + queries + " queries found");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void dashboardPanelsUseTheDataSourceVariable() {
        JsonNode dashboard = DeployFiles.json("deploy/grafana/meshlens-dashboard.json");
        String variable = named(dashboard.at("/templating/list"), "DS_PROMETHEUS").path("name").asText();
        for (JsonNode panel : panels(dashboard.path("panels"))) {
            if (!panel.path("type").asText().equals("row")) {
                assertEquals("${" + variable + "}", panel.at("/datasource/uid").asText(), panel.path("title").asText());
            }
        }
    }

    @Test
    void rulesSelectTheScrapeJob() {
        Set<String> jobs = new TreeSet<>();
        for (JsonNode rule : rules()) {
            Matcher job = JOB.matcher(rule.path("expr").asText());
            assertTrue(job.find(), rule.path("alert").asText() + " selects no job: another app's metrics could match");
            do {
                jobs.add(job.group(1));
            } while (job.find());
        }
        for (String file : List.of("deploy/prometheus/scrape-kubernetes.yaml", "deploy/prometheus/prometheus.yml")) {
            Set<String> scraped = new HashSet<>();
            list(DeployFiles.yaml(file).path("scrape_configs")).forEach(c -> scraped.add(c.path("job_name").asText()));
            assertTrue(scraped.containsAll(jobs), file + " scrapes " + scraped + ", the rules select " + jobs);
        }
    }

    @Test
    void notRunningMeansNotInKafkaStreamsRunningState() {
        JsonNode rule = rules().stream().filter(r -> r.path("expr").asText().contains("kafka_stream_client_state"))
                .findFirst().orElseThrow();
        // The metric's value is the ordinal of KafkaStreams.State.
        Matcher compared = Pattern.compile("!=\\s*(\\d+)").matcher(rule.path("expr").asText());
        assertTrue(compared.find(), rule.toString());
        assertEquals(KafkaStreams.State.RUNNING.ordinal(), Integer.parseInt(compared.group(1)));
    }

    @Test
    void everyRuleWaitsAndSaysWhatIsWrong() {
        for (JsonNode rule : rules()) {
            String name = rule.path("alert").asText();
            assertFalse(rule.path("for").asText().isEmpty(), name + " fires on a single evaluation");
            assertFalse(rule.at("/labels/severity").asText().isEmpty(), name);
            assertFalse(rule.at("/annotations/summary").asText().isEmpty(), name);
        }
    }

    @Test
    void prometheusScrapesTheAppWhereItServesMetrics() {
        JsonNode kubernetes = DeployFiles.yaml("deploy/prometheus/scrape-kubernetes.yaml").at("/scrape_configs/0");
        JsonNode compose = DeployFiles.yaml("deploy/prometheus/prometheus.yml").at("/scrape_configs/0");
        for (JsonNode job : List.of(kubernetes, compose)) {
            assertEquals(200, app.get(job.path("metrics_path").asText()).statusCode());
        }
        // In the cluster: the StatefulSet's pods, on their container port of that name.
        JsonNode pod = DeployFiles.object(DeployFiles.documents("deploy/kubernetes/meshlens.yaml"), "StatefulSet", "meshlens")
                .at("/spec/template");
        String appLabel = pod.at("/metadata/labels").path("app.kubernetes.io/name").asText();
        String portName = pod.at("/spec/containers/0/ports/0/name").asText();
        Map<String, String> keeps = new HashMap<>();
        for (JsonNode relabel : list(kubernetes.path("relabel_configs"))) {
            if (relabel.path("action").asText().equals("keep")) {
                keeps.put(relabel.at("/source_labels/0").asText(), relabel.path("regex").asText());
            }
        }
        assertEquals(Map.of("__meta_kubernetes_pod_label_app_kubernetes_io_name", appLabel,
                "__meta_kubernetes_pod_container_port_name", portName), keeps);
        // The pods' /metrics asks for the API token: Prometheus sends the same Secret's token, as a bearer token.
        JsonNode volume = list(pod.at("/spec/volumes")).stream().filter(v -> v.has("secret")).findFirst().orElseThrow();
        String secret = volume.at("/secret/secretName").asText();
        assertEquals("Bearer", kubernetes.at("/authorization/type").asText());
        assertEquals("/etc/prometheus/secrets/" + secret + "/" + Path.of(KubernetesManifestTest.tokenFileInPod())
                .getFileName(), kubernetes.at("/authorization/credentials_file").asText());
    }

    /** What is wrong with one query: metrics the app does not expose, labels none of its metrics has. */
    private static List<String> check(String where, PromQl query) {
        List<String> problems = new ArrayList<>();
        Set<String> labels = new HashSet<>(TARGET_LABELS);
        if (query.metrics().isEmpty()) {
            problems.add(where + ": no metric found in the query");
        }
        for (String metric : query.metrics()) {
            if (exposed.containsKey(metric)) {
                labels.addAll(exposed.get(metric));
            } else if (!PROMETHEUS_OWN.contains(metric)) {
                problems.add(where + ": the app exposes no " + metric);
            }
        }
        for (String label : query.labels()) {
            if (!labels.contains(label)) {
                problems.add(where + ": label " + label + " is on none of " + query.metrics());
            }
        }
        return problems;
    }

    private static List<JsonNode> rules() {
        List<JsonNode> rules = new ArrayList<>();
        for (JsonNode group : list(DeployFiles.yaml("deploy/prometheus/meshlens-rules.yaml").path("groups"))) {
            rules.addAll(list(group.path("rules")));
        }
        assertFalse(rules.isEmpty());
        return rules;
    }

    /** Every panel, those inside collapsed rows too. */
    private static List<JsonNode> panels(JsonNode panels) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode panel : list(panels)) {
            all.add(panel);
            all.addAll(panels(panel.path("panels")));
        }
        return all;
    }
}
