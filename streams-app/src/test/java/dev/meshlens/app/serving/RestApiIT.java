package dev.meshlens.app.serving;

import static dev.meshlens.app.serving.AccessRecords.iso;
import static dev.meshlens.app.serving.SampleMesh.DETAILS;
import static dev.meshlens.app.serving.SampleMesh.RATINGS;
import static dev.meshlens.app.serving.SampleMesh.REVIEWS;
import static dev.meshlens.app.serving.SampleMesh.SHOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshlens.app.pipeline.MeshLensApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The REST API of one running instance, over real HTTP, against records sent to a real broker: every answer is
 * compared with what the records sent must give, computed by {@link MeshLedger} from the records alone.
 */
class RestApiIT {
    private static final long WINDOW = 10_000;

    @RegisterExtension
    static final KafkaBroker KAFKA = new KafkaBroker();

    @TempDir
    static Path stateDir;

    private static MeshLedger mesh;
    private static long first;
    private static MeshLensApp app;
    private static Http http;

    @BeforeAll
    static void sendTrafficAndStart() throws Exception {
        mesh = TestApps.sendSampleTraffic(KAFKA, 2, WINDOW, 0);
        first = mesh.firstWindowStart();
        app = TestApps.start(TestApps.settings(KAFKA, "meshlens-rest-it", stateDir, Duration.ofMillis(WINDOW)));
        http = new Http(app.httpPort());
        TestApps.awaitCounted(http, mesh.requests().size());
        // Alerts are evaluated on the store's updates, which follow its reads by up to a commit.
        Await.until(Duration.ofSeconds(30), "3 alerts to fire", () -> http.get("/api/v1/alerts"),
                alerts -> alerts.status() == 200 && alerts.json().size() == 3);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    private static long now() {
        return System.currentTimeMillis();
    }

    @Test
    void healthAndReadiness() {
        assertEquals(MeshLedger.normalized(Http.MAPPER.createObjectNode().put("status", "UP")), http.get("/health").ok());
        assertEquals(MeshLedger.normalized(Http.MAPPER.createObjectNode().put("ready", true).put("state", "RUNNING")),
                http.get("/ready").ok());
    }

    @Test
    void servicesListsEveryServiceWithItsCountsAndTopCause() {
        JsonNode answer = http.get("/api/v1/services").ok();
        assertEquals(mesh.services(now() - 15 * 60_000, now()), answer);
        // The order is the README's: most errors first.
        List<String> order = new ArrayList<>();
        answer.forEach(row -> order.add(row.get("service").asText()));
        assertEquals(List.of(REVIEWS, DETAILS, SHOP, RATINGS), order);
        JsonNode top = answer.get(0).get("top_cause");
        assertEquals("no-healthy-upstream", top.get("cause").asText());
        assertEquals("No healthy upstream", top.get("title").asText());
        assertEquals("[\"UH\"]", top.get("flags").toString());
        assertEquals("[\"503\"]", top.get("status_codes").toString());
        assertEquals(iso(mesh.requests().stream().filter(r -> "no-healthy-upstream".equals(r.cause()))
                .mapToLong(MeshLedger.Request::time).min().orElseThrow()), top.get("first_seen").asText());
    }

    @Test
    void servicesOverAnExplicitRangeCountOnlyTheWindowsInIt() {
        long from = first + WINDOW;
        long to = first + 2 * WINDOW;
        JsonNode answer = http.get("/api/v1/services?from=" + iso(from) + "&to=" + iso(to)).ok();
        assertEquals(mesh.services(from, to), answer);
        assertEquals(Set.of(REVIEWS, DETAILS), names(answer), "window 1 has reviews and details only");
        assertEquals(mesh.services(first + 2 * WINDOW, now()),
                http.get("/api/v1/services?from=" + iso(first + 2 * WINDOW) + "&to=now").ok());
    }

    private static Set<String> names(JsonNode rows) {
        Set<String> names = new java.util.HashSet<>();
        rows.forEach(row -> names.add(row.get("service").asText()));
        return names;
    }

    @Test
    void causesPerWindowWithAndWithoutDirection() {
        long from = now() - 15 * 60_000;
        for (String service : mesh.services()) {
            String path = "/api/v1/services/" + service + "/causes";
            assertEquals(mesh.causes(service, null, from, now()), http.get(path).ok(), path);
            for (String direction : List.of("outbound", "inbound", "gateway")) {
                assertEquals(mesh.causes(service, direction, from, now()),
                        http.get(path + "?direction=" + direction).ok(), path + "?direction=" + direction);
            }
        }
        JsonNode reviews = http.get("/api/v1/services/reviews.default/causes?from=-15m&to=now").ok();
        assertEquals(2, reviews.size(), reviews::toString);
        assertEquals(iso(first), reviews.get(0).get("window_start").asText());
        assertEquals(iso(first + WINDOW), reviews.get(0).get("window_end").asText());
        assertEquals(2, reviews.get(1).get("causes").size(), reviews::toString);
        assertEquals(6, reviews.get(1).get("causes").get("no-healthy-upstream").asLong());
        assertEquals(3, reviews.get(1).get("causes").get("application-error").asLong());
        JsonNode inbound = http.get("/api/v1/services/reviews.default/causes?direction=inbound").ok();
        assertEquals(8, inbound.get(0).get("requests").asLong());
        assertEquals(0, inbound.get(0).get("errors").asLong());
        assertEquals(3, inbound.get(1).get("errors").asLong());
    }

    @Test
    void causesOfOneWindowByExplicitRange() {
        long from = first + WINDOW;
        long to = first + 2 * WINDOW;
        JsonNode answer = http.get("/api/v1/services/reviews.default/causes?from=" + iso(from) + "&to=" + iso(to)
                + "&direction=outbound").ok();
        assertEquals(mesh.causes(REVIEWS, "outbound", from, to), answer);
        assertEquals(1, answer.size(), answer::toString);
        assertEquals(11, answer.get(0).get("requests").asLong());
    }

    @Test
    void latencyPercentilesAreThoseOfTheDurationsSent() {
        for (String service : mesh.services()) {
            mesh.assertLatency(service, now() - 15 * 60_000, now(),
                    http.get("/api/v1/services/" + service + "/latency").ok());
        }
    }

    @Test
    void upstreamsOfACauseAndOfAllCauses() {
        long from = now() - 15 * 60_000;
        JsonNode tls = http.get("/api/v1/services/details.default/upstreams?cause=mtls-mismatch").ok();
        assertEquals(mesh.upstreams(DETAILS, "mtls-mismatch", 10, from, now()), tls);
        assertEquals("[{\"host\":\"10.40.3.2:9080\",\"count\":4},{\"host\":\"10.40.3.3:9080\",\"count\":3}]",
                tls.toString());
        assertEquals(mesh.upstreams(DETAILS, "mtls-mismatch", 1, from, now()),
                http.get("/api/v1/services/details.default/upstreams?cause=mtls-mismatch&limit=1").ok());
        assertEquals(mesh.upstreams(REVIEWS, null, 10, from, now()),
                http.get("/api/v1/services/reviews.default/upstreams").ok());
        assertEquals(MeshLedger.normalized(Http.MAPPER.createArrayNode()),
                http.get("/api/v1/services/reviews.default/upstreams?cause=no-healthy-upstream").ok(),
                "UH lines have no upstream host");
        assertEquals(MeshLedger.normalized(Http.MAPPER.createArrayNode()),
                http.get("/api/v1/services/details.default/upstreams?cause=no-route").ok());
    }

    /**
     * A (service, direction, cause) fires on its first window with at least 5 such requests and 5% of the
     * service's requests in that direction (built-in rule mesh-failure): reviews (UH, window 0), details (UF,
     * window 1) and the gateway (NR, window 2); ratings' 2 UO and reviews' 3 application errors are too few. The
     * alert is raised by the first update of its window that breaches, so its count is any breaching part of the
     * window's requests: checked as such.
     */
    @Test
    void firingAlerts() {
        JsonNode alerts = http.get("/api/v1/alerts?state=firing").ok();
        assertEquals(alerts, http.get("/api/v1/alerts").ok());
        record Expected(String service, String direction, String cause, long window) {
        }
        List<Expected> expected = List.of(new Expected(SHOP, "gateway", "no-route", first + 2 * WINDOW),
                new Expected(DETAILS, "outbound", "mtls-mismatch", first + WINDOW),
                new Expected(REVIEWS, "outbound", "no-healthy-upstream", first));
        assertEquals(expected.size(), alerts.size(), alerts::toString);
        for (int i = 0; i < expected.size(); i++) {
            Expected e = expected.get(i);
            JsonNode a = alerts.get(i);
            String since = iso(e.window());
            assertEquals(e.service() + "|" + e.direction() + "|" + e.cause() + "|" + since, a.get("id").asText());
            assertEquals("FIRING", a.get("state").asText());
            assertEquals("mesh-failure", a.get("rule").asText());
            assertEquals("critical", a.get("severity").asText());
            assertEquals(e.service(), a.get("service").asText());
            assertEquals(e.direction(), a.get("direction").asText());
            assertEquals(e.cause(), a.get("cause").asText());
            assertEquals(MeshLedger.title(e.cause()), a.get("title").asText());
            assertEquals(MeshLedger.hint(e.cause()), a.get("hint").asText());
            assertEquals(since, a.get("window_start").asText());
            assertEquals(iso(e.window() + WINDOW), a.get("window_end").asText());
            assertEquals(since, a.get("firing_since").asText());
            assertTrue(a.get("resolved_at").isNull(), a::toString);
            List<MeshLedger.Request> window = mesh.in(new MeshLedger.Window(e.service(), e.window())).stream()
                    .filter(r -> r.direction().equals(e.direction())).toList();
            List<MeshLedger.Request> failed = window.stream().filter(r -> e.cause().equals(r.cause())).toList();
            long count = a.get("count").asLong();
            long requests = a.get("requests").asLong();
            assertTrue(count >= 5 && count <= failed.size() && requests >= count && requests <= window.size()
                    && count >= 0.05 * requests, a::toString);
            assertEquals((double) count / requests, a.get("ratio").asDouble(), 1e-12, a::toString);
            Set<String> ids = failed.stream().map(MeshLedger.Request::requestId).collect(Collectors.toSet());
            assertTrue(ids.contains(a.get("sample_request_id").asText()), a::toString);
            Set<String> hosts = failed.stream().map(MeshLedger.Request::upstreamHost).filter(h -> h != null)
                    .collect(Collectors.toSet());
            a.get("top_upstream_hosts").forEach(h -> assertTrue(hosts.contains(h.get("key").asText()), a::toString));
        }
    }

    @Test
    void metricsCountEveryRecordAndShowKafkaStreamsAndJvmMeters() {
        Http.Response response = http.get("/metrics");
        assertEquals(200, response.status());
        assertTrue(response.header("Content-Type").orElse("").startsWith("text/plain"), response.header("Content-Type")::toString);
        String text = response.body();
        assertEquals(mesh.recordCount(), metric(text, "meshlens_records_in_total", ""), "records in");
        assertEquals(mesh.requests().size(), metric(text, "meshlens_records_parsed_total", ""), "records parsed");
        assertEquals(2, metric(text, "meshlens_records_dead_lettered_total", ""), "records dead-lettered");
        assertEquals(16, metric(text, "meshlens_failures_total",
                "cause=\"no-healthy-upstream\",direction=\"outbound\",service=\"reviews.default\""), "UH on reviews");
        assertEquals(7, metric(text, "meshlens_failures_total",
                "cause=\"mtls-mismatch\",direction=\"outbound\",service=\"details.default\""), "UF on details");
        assertTrue(metric(text, "meshlens_alerts_transitions_total", "state=\"firing\"") >= 3, "alerts fired");
        assertTrue(Pattern.compile("(?m)^kafka_stream_thread_\\w+\\{").matcher(text).find(), "Kafka Streams thread meters");
        assertTrue(Pattern.compile("(?m)^kafka_consumer_\\w+\\{").matcher(text).find(), "Kafka client meters");
        assertTrue(Pattern.compile("(?m)^jvm_memory_used_bytes\\{").matcher(text).find(), "JVM memory meters");
        assertTrue(Pattern.compile("(?m)^jvm_threads_live_threads ").matcher(text).find(), "JVM thread meters");
        assertTrue(Pattern.compile("(?m)^meshlens_http_requests_seconds_count\\{").matcher(text).find(), "HTTP meters");
    }

    /** The value of the one series of {@code name} whose labels are exactly {@code labels} (sorted as Prometheus does). */
    private static long metric(String text, String name, String labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + (labels.isEmpty() ? "" : Pattern.quote("{" + labels + "}"))
                + " ([0-9.eE+]+)$").matcher(text);
        if (!m.find()) {
            fail("no series " + name + "{" + labels + "} in /metrics:\n" + text.lines()
                    .filter(l -> l.startsWith(name)).collect(Collectors.joining("\n")));
        }
        return (long) Double.parseDouble(m.group(1));
    }

    @ParameterizedTest(name = "{0} -> 400 naming {1}")
    @CsvSource(delimiter = ' ', value = {
        "/api/v1/services?from=yesterday from",
        "/api/v1/services?to=2026-13-45T99:00:00Z to",
        "/api/v1/services?to=-5x to",
        "/api/v1/services?from=-5m&to=-10m from",
        "/api/v1/services?from=now&to=now from",
        "/api/v1/services?from=-2h from",
        "/api/v1/services?from=-9999999999d from",
        "/api/v1/services?from=-999999999999d from",
        "/api/v1/services?from=-300000000-01-01T00:00:00Z from",
        "/api/v1/services?from=%2B300000000-01-01T00:00:00Z from",
        "/api/v1/services?from=1969-12-31T23:59:59Z&to=1970-01-01T00:00:01Z from",
        "/api/v1/services?to=%2B10000-01-01T00:00:00Z to",
        "/api/v1/services/reviews.default/causes?from=%2B300000000-01-01T00:00:00Z from",
        "/api/v1/services/reviews.default/causes?direction=sideways direction",
        "/api/v1/services/reviews.default/causes?from=-61m from",
        "/api/v1/services/reviews.default/upstreams?cause=gremlins cause",
        "/api/v1/services/reviews.default/upstreams?limit=0 limit",
        "/api/v1/services/reviews.default/upstreams?limit=1000 limit",
        "/api/v1/services/reviews.default/upstreams?limit=ten limit",
        "/api/v1/services/reviews.default/latency?to=tomorrow to",
        "/api/v1/alerts?state=resolved state",
        "/api/v1/services/reviews.default/latency?from=-61m from",
        "/api/v1/services/reviews.default/upstreams?from=-61m from",
        "/api/v1/services/reviews.default/upstreams?limit=-1 limit",
        "/api/v1/services/reviews.default/upstreams?limit=1.5 limit",
        "/api/v1/services/reviews.default/upstreams?limit=99999999999 limit",
        "/api/v1/local/services?from=-2h from",
        "/api/v1/local/services?to=soon to",
    })
    void badParametersAre400NamingTheParameter(String path, String parameter) {
        JsonNode error = http.get(path).error(400);
        assertEquals(parameter, error.path("parameter").asText(), error::toString);
    }

    @Test
    void aServiceNameOf300CharactersIs400() {
        String name = "a".repeat(300);
        for (String what : List.of("causes", "latency", "upstreams")) {
            JsonNode error = http.get("/api/v1/services/" + name + "/" + what).error(400);
            assertEquals("service", error.path("parameter").asText(), error::toString);
        }
        // 253 characters, the longest DNS name, is a name that may be asked about: unknown, so 404.
        http.get("/api/v1/services/" + "b".repeat(253) + "/causes").error(404);
    }

    /** A value far longer than any valid one is refused without being repeated back. */
    @Test
    void overlongParametersAre400WithoutEchoingThem() {
        String junk = "z".repeat(2000);
        for (String[] asked : new String[][] {{"/api/v1/services/reviews.default/causes?direction=", "direction"},
                {"/api/v1/services/reviews.default/upstreams?cause=", "cause"}, {"/api/v1/services?from=", "from"},
                {"/api/v1/services?to=", "to"}, {"/api/v1/services/reviews.default/upstreams?limit=", "limit"},
                {"/api/v1/alerts?state=", "state"}, {"/api/v1/services/" + junk + "/latency?x=", "service"}}) {
            Http.Response response = http.get(asked[0] + junk);
            assertEquals(asked[1], response.error(400).path("parameter").asText(), response::body);
            assertTrue(response.body().length() < 200 && !response.body().contains("zzz"), response::body);
        }
    }

    /** No meshlens.http.cors.origins here: no answer lets a page of another origin read it. */
    @Test
    void noOtherOriginIsAllowedUnlessConfigured() {
        Http.Response get = http.send("GET", "/api/v1/alerts", "Origin", "https://grafana.example.com");
        assertEquals(200, get.status());
        assertEquals(List.of(), get.raw().headers().allValues("Access-Control-Allow-Origin"));
        Http.Response preflight = http.send("OPTIONS", "/api/v1/alerts", "Origin", "https://grafana.example.com",
                "Access-Control-Request-Method", "GET");
        assertEquals(List.of(), preflight.raw().headers().allValues("Access-Control-Allow-Origin"));
    }

    @Test
    void anUnknownServiceIs404() {
        for (String what : List.of("causes", "latency", "upstreams")) {
            JsonNode error = http.get("/api/v1/services/nosuch.default/" + what).error(404);
            assertTrue(error.get("error").asText().contains("nosuch.default"), error::toString);
        }
    }

    /** A known service asked about a range where it had no traffic is an empty answer, not a 404. */
    @Test
    void aKnownServiceOutsideItsWindowsIsEmpty() {
        String range = "?from=" + iso(first - 10 * WINDOW) + "&to=" + iso(first - 5 * WINDOW);
        assertEquals("[]", http.get("/api/v1/services/reviews.default/causes" + range).ok().toString());
        assertEquals("[]", http.get("/api/v1/services" + range).ok().toString());
    }

    /** The first and last instants a range may name answer like any other range. */
    @Test
    void theEdgesOfTheRangeOfInstants() {
        for (String range : List.of("?from=1970-01-01T00:00:00Z&to=1970-01-01T00:00:01Z",
                "?from=9999-12-31T23:00:00Z&to=9999-12-31T23:59:59.999Z")) {
            assertEquals("[]", http.get("/api/v1/services" + range).ok().toString(), range);
            assertEquals("[]", http.get("/api/v1/services/reviews.default/causes" + range).ok().toString(), range);
            assertEquals("[]", http.get("/api/v1/services/reviews.default/latency" + range).ok().toString(), range);
        }
    }

    @Test
    void anUnknownPathIs404Json() {
        for (String path : List.of("/api/v2/services", "/api/v1/services/reviews.default/bogus", "/nothing.html")) {
            JsonNode error = http.get(path).error(404);
            assertTrue(error.get("error").asText().contains(path.split("\\?")[0]), error::toString);
        }
    }

    /** Every answer, good or bad, is free of Java internals. */
    @Test
    void noAnswerLeaksAStackTrace() {
        for (String path : List.of("/health", "/ready", "/api/v1/services", "/api/v1/alerts",
                "/api/v1/services/reviews.default/causes", "/api/v1/services/reviews.default/latency",
                "/api/v1/services/reviews.default/upstreams", "/api/v1/services/%00/causes",
                "/api/v1/services/a%20b/causes", "/api/v1/services?from=%ff", "/api/v1/local/services?from=x",
                "/api/v1/services?from=" + "9".repeat(5000))) {
            Http.Response response = http.get(path);
            assertTrue(response.status() < 500, () -> path + " answered " + response.status() + ": " + response.body());
            Http.assertNoStackTrace(response);
        }
    }
}
