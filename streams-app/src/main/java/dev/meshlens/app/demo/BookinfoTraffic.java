package dev.meshlens.app.demo;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import dev.meshlens.parser.event.IsoTime;

/**
 * A Bookinfo-like mesh (ingress gateway, productpage, details, reviews v1/v2/v3, ratings) writing Istio 1.9+
 * access lines, each wrapped as the Fluent Bit Kafka record its sidecar's log would become (kubernetes metadata,
 * key = pod name). One user request makes the lines of every hop, on both sides; the current {@link Scenario}
 * makes some hops fail the way that operator mistake makes them fail.
 */
public final class BookinfoTraffic {
    /** Share of the affected calls that fail while a scenario is on. */
    static final double FAILING_SHARE = 0.6;

    record Pod(String name, String app, String version, String ip) {
    }

    private static final Pod GATEWAY = new Pod("istio-ingressgateway-7d9f8c6b5-x2x7q", "istio-ingressgateway", null, "10.40.0.5");
    private static final Pod PRODUCTPAGE = new Pod("productpage-v1-6b746f74dc-9stvs", "productpage", "v1", "10.40.1.9");
    private static final Pod DETAILS = new Pod("details-v1-79f774bdb9-kx8tq", "details", "v1", "10.40.3.2");
    private static final List<Pod> REVIEWS = List.of(
            new Pod("reviews-v1-545db77b95-4xq2m", "reviews", "v1", "10.40.2.15"),
            new Pod("reviews-v2-7bf8c9648f-8mzbw", "reviews", "v2", "10.40.2.17"),
            new Pod("reviews-v3-84779c7bbc-tq6nd", "reviews", "v3", "10.40.2.19"));
    private static final Pod RATINGS = new Pod("ratings-v1-b6994bb9-7lq4r", "ratings", "v1", "10.40.4.4");

    private final Random random;
    private final BiConsumer<String, byte[]> sink;
    private long sequence;

    /** {@code sink} receives (record key, record value) pairs. */
    public BookinfoTraffic(long seed, BiConsumer<String, byte[]> sink) {
        this.random = new Random(seed);
        this.sink = sink;
    }

    /** Emits every line of one user request at {@code now}, failing as {@code scenario} says. */
    public void userRequest(long now, Scenario scenario) {
        boolean fail = random.nextDouble() < FAILING_SHARE;
        if (scenario == Scenario.GATEWAY_HOST_MISSING && fail) {
            emit(GATEWAY, now, call("GET", "/productpage", 404, "NR", "route_not_found", "-", 0, 0,
                    "shop.bookinfo.example", "-", "-", "-", GATEWAY.ip() + ":8080", "192.168.49.1:" + port(), "-"));
            return;
        }
        hop(now, GATEWAY, PRODUCTPAGE, "/productpage", 200, 5200, 30);
        if (scenario == Scenario.HTTPS_TO_HTTP_PORT && fail) {
            emit(PRODUCTPAGE, now, line("- - HTTP/1.1", 400, "DPE", "http1.codec_error", "-", 0, 11, 0, "-", "-", "-",
                    "-", "-", "-", "-", "203.0.113.10:80", PRODUCTPAGE.ip() + ":" + port(), "-", "-"));
        }
        if (scenario == Scenario.DETAILS_TLS_DISABLED && fail) {
            String tls = "TLS_error:_268435703:SSL_routines:OPENSSL_internal:WRONG_VERSION_NUMBER";
            emit(PRODUCTPAGE, now, call("GET", "/details/0", 503, "UF",
                    "upstream_reset_before_response_started{connection_failure," + tls + "}", tls, 190, 2,
                    "details:9080", DETAILS.ip() + ":9080", outbound("details", null), "-", "10.96.3.3:9080",
                    PRODUCTPAGE.ip() + ":" + port(), "default"));
        } else {
            hop(now, PRODUCTPAGE, DETAILS, "/details/0", 200, 178, 3);
        }
        Pod reviews = REVIEWS.get(random.nextInt(REVIEWS.size()));
        if (scenario == Scenario.REVIEWS_SCALED_TO_ZERO && fail) {
            emit(PRODUCTPAGE, now, call("GET", "/reviews/0", 503, "UH", "no_healthy_upstream", "-", 19, 0,
                    "reviews:9080", "-", outbound("reviews", reviews.version()), "-", "10.96.18.4:9080",
                    PRODUCTPAGE.ip() + ":" + port(), "default"));
            return;
        }
        hop(now, PRODUCTPAGE, reviews, "/reviews/0", 200, 358, 12);
        if (reviews.version().equals("v1")) {
            return;
        }
        if (scenario == Scenario.RATINGS_CIRCUIT_BREAKER && fail) {
            emit(reviews, now, call("GET", "/ratings/0", 503, "UO", "upstream_reset_before_response_started{overflow}",
                    "-", 81, 0, "ratings:9080", "-", outbound("ratings", null), "-", "10.96.7.21:9080",
                    reviews.ip() + ":" + port(), "default"));
        } else if (scenario == Scenario.RATINGS_KEEPALIVE && fail) {
            emit(reviews, now, call("GET", "/ratings/0", 503, "UC",
                    "upstream_reset_before_response_started{connection_termination}", "-", 95, 1, "ratings:9080",
                    RATINGS.ip() + ":9080", outbound("ratings", null), reviews.ip() + ":" + port(), "10.96.7.21:9080",
                    reviews.ip() + ":" + port(), "default"));
        } else {
            hop(now, reviews, RATINGS, "/ratings/0", 200, 48, 2);
        }
    }

    /** A successful call: the client's outbound line and the server's inbound line. */
    private void hop(long now, Pod client, Pod server, String path, int code, int bytes, int duration) {
        String authority = server.app() + ":9080";
        String clientPort = port();
        emit(client, now, call("GET", path, code, "-", "via_upstream", "-", bytes, duration, authority,
                server.ip() + ":9080", outbound(server.app(), server.version()), client.ip() + ":" + port(),
                "10.96.0." + (10 + server.app().length()) + ":9080", client.ip() + ":" + clientPort, "default"));
        emit(server, now, call("GET", path, code, "-", "via_upstream", "-", bytes, Math.max(1, duration - 1), authority,
                server.ip() + ":9080", "inbound|9080||", "127.0.0.6:" + port(), server.ip() + ":9080",
                client.ip() + ":" + clientPort, "default", "outbound_.9080_._." + server.app() + ".default.svc.cluster.local"));
    }

    private String call(String method, String path, int code, String flags, String details, String reason, int bytes,
            int duration, String authority, String upstreamHost, String cluster, String upstreamLocal, String downstreamLocal,
            String downstreamRemote, String route) {
        return call(method, path, code, flags, details, reason, bytes, duration, authority, upstreamHost, cluster,
                upstreamLocal, downstreamLocal, downstreamRemote, route, "-");
    }

    private String call(String method, String path, int code, String flags, String details, String reason, int bytes,
            int duration, String authority, String upstreamHost, String cluster, String upstreamLocal, String downstreamLocal,
            String downstreamRemote, String route, String serverName) {
        String upstreamTime = code >= 500 || code == 404 ? "-" : Integer.toString(Math.max(0, duration - 1));
        return line(method + " " + path + " HTTP/1.1", code, flags, details, reason, 0, bytes, duration, upstreamTime,
                "Mozilla/5.0", requestId(), authority, upstreamHost, cluster, upstreamLocal, downstreamLocal,
                downstreamRemote, serverName, route);
    }

    private static String line(String request, int code, String flags, String details, String reason, int received,
            int sent, int duration, String upstreamTime, String userAgent, String requestId, String authority,
            String upstreamHost, String cluster, String upstreamLocal, String downstreamLocal, String downstreamRemote,
            String serverName, String route) {
        return "\"" + request + "\" " + code + " " + flags + " " + details + " - \"" + reason + "\" " + received + " " + sent
                + " " + duration + " " + upstreamTime + " \"-\" \"" + userAgent + "\" \"" + requestId + "\" \"" + authority
                + "\" \"" + upstreamHost + "\" " + cluster + " " + upstreamLocal + " " + downstreamLocal + " "
                + downstreamRemote + " " + serverName + " " + route;
    }

    private static String outbound(String app, String subset) {
        return "outbound|9080|" + (subset == null ? "" : subset) + "|" + app + ".default.svc.cluster.local";
    }

    private String port() {
        return Integer.toString(32768 + random.nextInt(28000));
    }

    private String requestId() {
        return String.format("%08x-%04x-4%03x-9%03x-%012x", random.nextInt(), random.nextInt(0x10000),
                random.nextInt(0x1000), random.nextInt(0x1000), ++sequence);
    }

    /** Wraps the line as Fluent Bit's kafka output would (CRI tail, kubernetes filter, pod name lifted as key). */
    private void emit(Pod pod, long now, String requestLine) {
        String line = "[" + IsoTime.toString(now) + "] " + requestLine;
        String record = "{\"@timestamp\":" + now / 1000 + "." + String.format("%03d", now % 1000)
                + ",\"time\":\"" + IsoTime.toString(now) + "\",\"stream\":\"stdout\",\"_p\":\"F\",\"log\":\""
                + escape(line) + "\",\"pod_name\":\"" + pod.name() + "\",\"kubernetes\":{\"pod_name\":\"" + pod.name()
                + "\",\"namespace_name\":\"" + (pod == GATEWAY ? "istio-system" : "default")
                + "\",\"container_name\":\"istio-proxy\",\"labels\":{\"app\":\"" + pod.app() + "\""
                + (pod.version() == null ? "" : ",\"version\":\"" + pod.version() + "\"") + "}}}";
        sink.accept(pod.name(), record.getBytes(StandardCharsets.UTF_8));
    }

    private static String escape(String text) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(text));
    }
}
