package dev.meshlens.app.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshlens.app.pipeline.MeshLensApp;
import dev.meshlens.app.pipeline.MeshLensTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of one application (same {@code application.id}, their own state and HTTP port) share the
 * partitions of a 4-partition input: either one answers for every service, asking the owner of a service or
 * every instance for listings; and when one of them goes, the other never answers a wrong number, only the
 * right one or 503 with Retry-After, until it has taken everything over.
 */
class TwoInstancesRestIT {
    private static final long WINDOW = 10_000;
    private static final String APPLICATION = "meshlens-two-it";

    @RegisterExtension
    static final KafkaBroker KAFKA = new KafkaBroker();

    @TempDir
    Path dir;

    private final List<MeshLensApp> apps = new ArrayList<>();

    @AfterEach
    void closeAll() {
        apps.forEach(MeshLensApp::close);
    }

    @Test
    void eitherInstanceAnswersForEveryServiceAndTheSurvivorTakesOver() throws Exception {
        MeshLedger mesh = TestApps.sendSampleTraffic(KAFKA, 4, WINDOW, 10);
        MeshLensApp a = start("a");
        MeshLensApp b = start("b");
        Http httpA = new Http(a.httpPort());
        Http httpB = new Http(b.httpPort());
        for (MeshLensApp app : apps) {
            Await.until(Duration.ofSeconds(120), "instance on port " + app.httpPort() + " to be RUNNING in a group of two",
                    () -> app.streams().state() == KafkaStreams.State.RUNNING
                            && app.streams().metadataForAllStreamsClients().size() == 2, ready -> ready);
        }
        TestApps.awaitCounted(httpA, mesh.requests().size());
        TestApps.awaitCounted(httpB, mesh.requests().size());

        Map<String, Integer> owners = new LinkedHashMap<>();
        for (String service : mesh.services()) {
            owners.put(service, ownerPort(a, service));
            assertEquals(owners.get(service), ownerPort(b, service), "both instances agree on the owner of " + service);
        }
        assertTrue(owners.containsValue(a.httpPort()) && owners.containsValue(b.httpPort()),
                () -> "each instance must own some of the services for this test to mean anything: " + owners);

        long from = System.currentTimeMillis() - 15 * 60_000;
        for (String service : mesh.services()) {
            for (Http http : List.of(httpA, httpB)) {
                String where = service + " (owned by " + owners.get(service) + ") asked of " + http.base();
                String base = "/api/v1/services/" + service;
                assertEquals(mesh.causes(service, null, from, now()), http.get(base + "/causes").ok(), where);
                assertEquals(mesh.causes(service, "outbound", from, now()),
                        http.get(base + "/causes?direction=outbound").ok(), where);
                assertEquals(mesh.upstreams(service, null, 10, from, now()), http.get(base + "/upstreams").ok(), where);
                mesh.assertLatency(service, from, now(), http.get(base + "/latency").ok());
            }
            assertEquals(httpA.get("/api/v1/services/" + service + "/latency").ok(),
                    httpB.get("/api/v1/services/" + service + "/latency").ok(), service + " latency");
        }
        JsonNode expected = mesh.services(from, now());
        assertEquals(expected, httpA.get("/api/v1/services").ok());
        assertEquals(expected, httpB.get("/api/v1/services").ok());
        JsonNode alerts = httpA.get("/api/v1/alerts").ok();
        assertEquals(3, alerts.size(), alerts::toString);
        assertEquals(alerts, httpB.get("/api/v1/alerts").ok());
        // An unknown service is 404 whichever instance owns its name.
        for (String unknown : List.of("nosuch1.default", "nosuch2.default", "nosuch3.default", "nosuch4.default")) {
            httpA.get("/api/v1/services/" + unknown + "/causes").error(404);
            httpB.get("/api/v1/services/" + unknown + "/causes").error(404);
        }

        // B goes; A must never give a wrong answer meanwhile, and must end up answering everything itself.
        CompletableFuture<Void> closing = CompletableFuture.runAsync(b::close);
        apps.remove(b);
        Map<String, Function<Long, JsonNode>> checks = new LinkedHashMap<>();
        checks.put("/api/v1/services", f -> mesh.services(f, now()));
        for (String service : mesh.services()) {
            checks.put("/api/v1/services/" + service + "/causes", f -> mesh.causes(service, null, f, now()));
            checks.put("/api/v1/services/" + service + "/upstreams", f -> mesh.upstreams(service, null, 10, f, now()));
        }
        int[] unavailable = {0};
        int[] correct = {0};
        Await.until(Duration.ofSeconds(120), "instance A alone to answer every query correctly", () -> {
            boolean allCorrect = true;
            for (Map.Entry<String, Function<Long, JsonNode>> check : checks.entrySet()) {
                long f = now() - 15 * 60_000;
                Http.Response response = httpA.get(check.getKey());
                if (response.status() == 503) {
                    assertTrue(response.header("Retry-After").isPresent(),
                            () -> check.getKey() + " answered 503 without Retry-After: " + response.body());
                    response.error(503);
                    unavailable[0]++;
                    allCorrect = false;
                } else {
                    assertEquals(check.getValue().apply(f), response.ok(), () -> "while B leaves, " + check.getKey());
                    correct[0]++;
                }
            }
            return allCorrect && closing.isDone() && a.streams().metadataForAllStreamsClients().size() == 1;
        }, done -> done);
        closing.get();
        for (String service : mesh.services()) {
            assertEquals(a.httpPort(), ownerPort(a, service), service + " now lives on A");
        }
        assertEquals(expected, httpA.get("/api/v1/services").ok());
        assertFalse(correct[0] == 0, "A answered nothing correctly");
        System.out.printf("while B left: %d correct answers, %d answers 503%n", correct[0], unavailable[0]);
    }

    private MeshLensApp start(String name) throws Exception {
        MeshLensApp app = TestApps.start(TestApps.settings(KAFKA, APPLICATION, dir.resolve(name),
                Duration.ofMillis(WINDOW)));
        apps.add(app);
        return app;
    }

    private static int ownerPort(MeshLensApp app, String service) {
        KeyQueryMetadata metadata = app.streams().queryMetadataForKey(MeshLensTopology.SERVICE_WINDOWS_STORE, service,
                Serdes.String().serializer());
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
            fail("no owner known for " + service);
        }
        return metadata.activeHost().port();
    }

    private static long now() {
        return System.currentTimeMillis();
    }
}
