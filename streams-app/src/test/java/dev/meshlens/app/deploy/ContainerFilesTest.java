package dev.meshlens.app.deploy;

import static dev.meshlens.app.deploy.DeployFiles.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.meshlens.app.Main;
import dev.meshlens.app.cli.StandardStreams;
import dev.meshlens.app.pipeline.PipelineSettings;
import dev.meshlens.app.serving.ServingSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * deploy/container/Dockerfile and deploy/docker-compose.yml, read statically: there is no Docker engine to
 * build or run them in this build. They must copy the jar Maven builds, and run the app with settings it
 * reads, on the port it listens on, against the broker compose starts.
 */
class ContainerFilesTest {
    private static final Dockerfile DOCKERFILE = Dockerfile.parse(DeployFiles.text("deploy/container/Dockerfile"));
    private static final JsonNode COMPOSE = DeployFiles.yaml("deploy/docker-compose.yml");
    private static final JsonNode APP = COMPOSE.at("/services/meshlens");
    private static final int DEFAULT_PORT = ServingSettings.from(new Properties()).port();

    @Test
    void buildsWithTheWrapperOnAJdkAndRunsOnAJre() {
        Dockerfile.Stage build = DOCKERFILE.stages().get(0);
        assertTrue(build.image().contains("17") && build.image().contains("jdk"), build.image());
        assertTrue(DOCKERFILE.last().image().contains("17") && DOCKERFILE.last().image().contains("jre"));
        String run = String.join(" ", build.all("RUN"));
        assertTrue(run.contains("./mvnw") && run.contains(" package") && run.contains("-pl streams-app"), run);
    }

    @Test
    void copiesTheShadedJarMavenBuildsAndRunsIt() throws Exception {
        Dockerfile.Stage build = DOCKERFILE.stages().get(0);
        String[] copy = DOCKERFILE.last().all("COPY").get(0).split("\\s+");
        assertEquals("--from=" + build.name(), copy[0]);
        String jar = build.all("WORKDIR").get(0) + "/streams-app/target/" + shadedJarName() + ".jar";
        assertEquals(jar, copy[1]);
        List<String> entrypoint = DeployFiles.JSON.readValue(DOCKERFILE.last().all("ENTRYPOINT").get(0),
                new TypeReference<List<String>>() { });
        assertEquals(copy[2], entrypoint.get(entrypoint.indexOf("-jar") + 1));
        // The JDK packages Chronicle needs are opened by the jar's manifest, not on the command line.
        assertFalse(entrypoint.stream().anyMatch(a -> a.startsWith("--add-opens")), entrypoint.toString());
        assertTrue(Files.readString(DeployFiles.path("streams-app/pom.xml")).contains("<Add-Opens>"));
        List<String> command = DeployFiles.JSON.readValue(DOCKERFILE.last().all("CMD").get(0),
                new TypeReference<List<String>>() { });
        Main.commandLine(StandardStreams.system()).parseArgs(command.toArray(String[]::new));
    }

    @Test
    void runsAsANonRootUserOnTheAppsPort() {
        String user = DOCKERFILE.last().all("USER").get(0).split(":")[0];
        assertFalse(user.equals("0") || user.equals("root"), user);
        assertEquals(Integer.toString(DEFAULT_PORT), DOCKERFILE.last().all("EXPOSE").get(0));
        Map<String, String> env = DOCKERFILE.last().env();
        assertEquals(Map.of(), AppSettings.unknown(AppSettings.read("", env)));
        assertEquals("0.0.0.0", ServingSettings.from(AppSettings.read("", env)).bindHost());
    }

    @Test
    void buildContextLeavesOutBuildOutput() {
        List<String> ignored = DeployFiles.text("deploy/container/Dockerfile.dockerignore").lines().toList();
        assertTrue(ignored.contains("**/target/") && ignored.contains(".git/"), ignored.toString());
    }

    @Test
    void composeBuildsTheDockerfileAndPublishesTheAppsPort() {
        Path composeDir = DeployFiles.path("deploy/docker-compose.yml").getParent();
        Path context = composeDir.resolve(APP.at("/build/context").asText()).normalize();
        assertEquals(DeployFiles.path("deploy/container/Dockerfile"), context.resolve(APP.at("/build/dockerfile").asText()));
        String[] published = APP.at("/ports/0").asText().split(":");
        assertEquals(Integer.toString(DEFAULT_PORT), published[published.length - 1]);
        JsonNode statefulSet = DeployFiles.object(DeployFiles.documents("deploy/kubernetes/meshlens.yaml"),
                "StatefulSet", "meshlens");
        assertEquals(statefulSet.at("/spec/template/spec/containers/0/image"), APP.path("image"));
    }

    @Test
    void composeAppReadsItsSettingsAndFindsTheBroker() {
        Map<String, String> env = environment(APP);
        assertEquals(Map.of(), AppSettings.unknown(AppSettings.read("", env)));
        Properties settings = AppSettings.read("", env);
        ServingSettings serving = ServingSettings.from(settings);
        assertEquals("0.0.0.0", serving.bindHost());
        assertEquals(DEFAULT_PORT, serving.port());
        PipelineSettings pipeline = PipelineSettings.from(settings);
        String bootstrap = pipeline.kafka().getProperty("bootstrap.servers");
        List<String> advertised = List.of(environment(COMPOSE.at("/services/kafka")).get("KAFKA_ADVERTISED_LISTENERS")
                .split(","));
        assertTrue(advertised.stream().anyMatch(l -> l.endsWith("://" + bootstrap)), bootstrap + " not in " + advertised);
        String stateDir = pipeline.kafka().getProperty("state.dir");
        assertTrue(list(APP.path("volumes")).stream().anyMatch(v -> v.asText().endsWith(":" + stateDir)),
                "state.dir " + stateDir + " is not on a volume");
    }

    @Test
    void composeCreatesTheTopicsBeforeTheAppStarts() {
        JsonNode topics = COMPOSE.at("/services/topics");
        List<String> command = list(topics.path("command")).stream().map(JsonNode::asText).toList();
        assertEquals(List.of("topics", "create"), command.subList(0, 2));
        Main.commandLine(StandardStreams.system()).parseArgs(command.toArray(String[]::new));
        assertEquals(APP.path("image"), topics.path("image"));
        assertEquals(environment(APP).get("MESHLENS_KAFKA_BOOTSTRAP_SERVERS"),
                environment(topics).get("MESHLENS_KAFKA_BOOTSTRAP_SERVERS"));
        assertEquals("service_completed_successfully", APP.at("/depends_on/topics/condition").asText());
    }

    @Test
    void composePrometheusScrapesTheAppAndLoadsTheRules() {
        JsonNode prometheus = COMPOSE.at("/services/prometheus");
        Map<String, String> mounts = mounts(prometheus);
        JsonNode config = DeployFiles.yaml("deploy/prometheus/prometheus.yml");
        assertEquals("deploy/prometheus/prometheus.yml", mounts.get("/etc/prometheus/prometheus.yml"));
        String rules = config.at("/rule_files/0").asText();
        assertEquals("deploy/prometheus/meshlens-rules.yaml", mounts.get(rules));
        assertEquals("meshlens:" + DEFAULT_PORT, config.at("/scrape_configs/0/static_configs/0/targets/0").asText());
        assertTrue(COMPOSE.at("/services").has("meshlens"));
    }

    @Test
    void composeGrafanaLoadsTheDashboardFromPrometheus() {
        JsonNode grafana = COMPOSE.at("/services/grafana");
        Map<String, String> mounts = mounts(grafana);
        String dashboards = DeployFiles.yaml("deploy/grafana/provisioning/dashboards/meshlens.yaml")
                .at("/providers/0/options/path").asText();
        assertEquals("deploy/grafana/meshlens-dashboard.json", mounts.get(dashboards + "/meshlens-dashboard.json"));
        assertEquals("deploy/grafana/provisioning", mounts.get("/etc/grafana/provisioning"));
        String url = DeployFiles.yaml("deploy/grafana/provisioning/datasources/prometheus.yaml")
                .at("/datasources/0/url").asText();
        assertEquals("http://prometheus:9090", url);
        assertTrue(COMPOSE.at("/services").has("prometheus"));
    }

    /** The shade plugin's finalName in streams-app/pom.xml: the jar is target/FINALNAME.jar. */
    private static String shadedJarName() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        Document pom = factory.newDocumentBuilder().parse(DeployFiles.path("streams-app/pom.xml").toFile());
        String name = XPathFactory.newInstance().newXPath().evaluate(
                "//*[local-name()='plugin'][*[local-name()='artifactId']='maven-shade-plugin']"
                        + "//*[local-name()='finalName']", pom);
        assertFalse(name.isBlank(), "no finalName in the shade plugin's configuration");
        return name;
    }

    private static Map<String, String> environment(JsonNode service) {
        Map<String, String> env = new HashMap<>();
        service.path("environment").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        return env;
    }

    /** Bind mounts, container path to host path relative to the project root. */
    private static Map<String, String> mounts(JsonNode service) {
        Path composeDir = DeployFiles.path("deploy/docker-compose.yml").getParent();
        Map<String, String> mounts = new HashMap<>();
        for (JsonNode volume : list(service.path("volumes"))) {
            String[] parts = volume.asText().split(":");
            Path host = composeDir.resolve(parts[0]).normalize();
            assertTrue(Files.exists(host), "missing " + host);
            mounts.put(parts[1], DeployFiles.root().relativize(host).toString());
        }
        return mounts;
    }
}
