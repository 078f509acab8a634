package dev.meshlens.app.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshlens.app.pipeline.MeshLensApp;
import dev.meshlens.app.pipeline.MeshLensTopology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances whose API asks for a bearer token (A reads it from a file, as from a Kubernetes Secret; B from
 * its setting), over real HTTP: without the right token every API path and /metrics are 401 and say nothing
 * more; the probes and the dashboard's files stay open; with it, each instance answers for everything, which it
 * can only do by sending the token to the other. A lets one configured origin call it from a browser.
 */
class ApiTokenIT {
    private static final long WINDOW = 10_000;
    private static final String TOKEN = "s3cr3t-t0ken-0123456789abcdef";
    private static final String ORIGIN = "https://grafana.example.com";
    private static final List<String> PROTECTED = List.of("/api/v1/services", "/api/v1/alerts",
            "/api/v1/services/reviews.default/causes", "/api/v1/services/reviews.default/latency",
            "/api/v1/services/reviews.default/upstreams", "/api/v1/local/services", "/api/v1/local/alerts",
            "/api/v1/services?from=yesterday", "/api/v2/nothing", "/metrics");

    @RegisterExtension
    static final KafkaBroker KAFKA = new KafkaBroker();

    @TempDir
    static Path dir;

    private static MeshLedger mesh;
    private static MeshLensApp a;
    private static MeshLensApp b;

    @BeforeAll
    static void start() throws Exception {
        mesh = TestApps.sendSampleTraffic(KAFKA, 4, WINDOW, 10);
        Path tokenFile = dir.resolve("token");
        // As a Secret's file may hold it: with a final newline.
        Files.writeString(tokenFile, TOKEN + "\n");
        Properties settingsA = TestApps.settings(KAFKA, "meshlens-token-it", dir.resolve("a"), Duration.ofMillis(WINDOW));
        settingsA.setProperty("meshlens.http.token.file", tokenFile.toString());
        settingsA.setProperty("meshlens.http.cors.origins", ORIGIN);
        Properties settingsB = TestApps.settings(KAFKA, "meshlens-token-it", dir.resolve("b"), Duration.ofMillis(WINDOW));
        settingsB.setProperty("meshlens.http.token", TOKEN);
        a = TestApps.start(settingsA);
        b = TestApps.start(settingsB);
        for (MeshLensApp app : List.of(a, b)) {
            Await.until(Duration.ofSeconds(120), "instance on port " + app.httpPort() + " to be RUNNING in a group of two",
                    () -> app.streams().state() == KafkaStreams.State.RUNNING
                            && app.streams().metadataForAllStreamsClients().size() == 2, ready -> ready);
            TestApps.awaitCounted(new Http(app.httpPort(), TOKEN), mesh.requests().size());
        }
    }

    @AfterAll
    static void stop() {
        for (MeshLensApp app : new MeshLensApp[] {a, b}) {
            if (app != null) {
                app.close();
            }
        }
    }

    @Test
    void withTheTokenEachInstanceAnswersForEverythingThroughTheOther() {
        Set<Integer> owners = new HashSet<>();
        mesh.services().forEach(service -> owners.add(ownerPort(service)));
        assertEquals(Set.of(a.httpPort(), b.httpPort()), owners, "each instance must own some services");
        long from = System.currentTimeMillis() - 15 * 60_000;
        for (MeshLensApp app : List.of(a, b)) {
            Http http = new Http(app.httpPort(), TOKEN);
            assertEquals(mesh.services(from, System.currentTimeMillis()), http.get("/api/v1/services").ok());
            for (String service : mesh.services()) {
                assertEquals(mesh.causes(service, null, from, System.currentTimeMillis()),
                        http.get("/api/v1/services/" + service + "/causes").ok(), service + " asked of " + http.base());
            }
            assertEquals(3, http.get("/api/v1/alerts").ok().size());
            for (String path : PROTECTED) {
                int status = http.get(path).status();
                assertTrue(status == 200 || status == 400 || status == 404, () -> path + " with the token: " + status);
            }
        }
    }

    @Test
    void withoutTheRightTokenEveryApiPathAndMetricsAre401SayingNothingMore() {
        Http anonymous = new Http(a.httpPort());
        List<String[]> attempts = List.of(new String[0],
                new String[] {"Authorization", "Bearer " + "x".repeat(TOKEN.length())},
                new String[] {"Authorization", "Bearer " + TOKEN.substring(0, TOKEN.length() - 1)},
                new String[] {"Authorization", "Bearer " + TOKEN + "0"},
                new String[] {"Authorization", "Bearer " + "y".repeat(5000)},
                new String[] {"Authorization", "Bearer"},
                new String[] {"Authorization", TOKEN},
                new String[] {"Authorization", "Basic " + TOKEN});
        for (MeshLensApp app : List.of(a, b)) {
            Http http = new Http(app.httpPort());
            for (String path : PROTECTED) {
                for (String[] headers : attempts) {
                    Http.Response response = http.send("GET", path, headers);
                    String what = "GET " + path + " with " + List.of(headers);
                    assertEquals(401, response.status(), () -> what + ": " + response.body());
                    assertEquals("Bearer", response.header("WWW-Authenticate").orElse(""), what);
                    assertEquals("{\"error\":\"unauthorized\"}", response.body(), what);
                }
            }
        }
        // The instances' own requests to each other are no way around it.
        assertEquals(401, anonymous.send("GET", "/api/v1/local/services", "X-MeshLens-Forwarded", "true").status());
    }

    @Test
    void probesAndTheDashboardFilesAreOpen() {
        for (MeshLensApp app : List.of(a, b)) {
            Http http = new Http(app.httpPort());
            assertEquals("UP", http.get("/health").ok().get("status").asText());
            assertEquals(true, http.get("/ready").ok().get("ready").asBoolean());
            for (String file : List.of("/", "/app.js", "/style.css")) {
                assertEquals(200, http.get(file).status(), file);
            }
            assertTrue(http.get("/dashboard/config.json").ok().has("chart_js"));
        }
    }

    @Test
    void onlyTheConfiguredOriginMayCallFromABrowser() {
        Http http = new Http(a.httpPort(), TOKEN);
        Http.Response allowed = http.send("GET", "/api/v1/alerts", "Origin", ORIGIN);
        assertEquals(200, allowed.status());
        assertEquals(ORIGIN, allowed.header("Access-Control-Allow-Origin").orElse(""));
        Http.Response other = http.send("GET", "/api/v1/alerts", "Origin", "https://evil.example.com");
        assertEquals(List.of(), other.raw().headers().allValues("Access-Control-Allow-Origin"));
        // The browser's preflight carries no token: it is answered, and lets the real request send one.
        Http.Response preflight = new Http(a.httpPort()).send("OPTIONS", "/api/v1/alerts", "Origin", ORIGIN,
                "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "authorization");
        assertEquals(200, preflight.status(), preflight::body);
        assertEquals(ORIGIN, preflight.header("Access-Control-Allow-Origin").orElse(""));
        assertTrue(preflight.header("Access-Control-Allow-Headers").orElse("").toLowerCase().contains("authorization"),
                () -> preflight.raw().headers().map().toString());
        // B lists no origin: no browser page elsewhere may read its answers.
        Http.Response fromB = new Http(b.httpPort(), TOKEN).send("GET", "/api/v1/alerts", "Origin", ORIGIN);
        assertEquals(200, fromB.status());
        assertEquals(List.of(), fromB.raw().headers().allValues("Access-Control-Allow-Origin"));
    }

    private static int ownerPort(String service) {
        KeyQueryMetadata metadata = a.streams().queryMetadataForKey(MeshLensTopology.SERVICE_WINDOWS_STORE, service,
                Serdes.String().serializer());
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
            fail("no owner known for " + service);
        }
        return metadata.activeHost().port();
    }
}
