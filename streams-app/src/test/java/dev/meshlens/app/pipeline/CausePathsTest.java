package dev.meshlens.app.pipeline;

import static dev.meshlens.app.pipeline.LogRecords.PRODUCTPAGE;
import static dev.meshlens.app.pipeline.LogRecords.REVIEWS;
import static dev.meshlens.app.pipeline.LogRecords.inbound;
import static dev.meshlens.app.pipeline.LogRecords.outbound;
import static dev.meshlens.app.pipeline.LogRecords.unrouted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.meshlens.app.pipeline.LogRecords.AccessLine;
import dev.meshlens.app.pipeline.LogRecords.Pod;
import dev.meshlens.diagnosis.Cause;
import dev.meshlens.diagnosis.Direction;
import dev.meshlens.diagnosis.TopCounts;
import dev.meshlens.parser.event.ResponseFlag;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every cause end to end: three failing requests and one served request of one (service, direction) go in,
 * raw and through Fluent Bit, and come out merged in that service's window of the window store. Each cause
 * has a window of its own, so that one driver serves them all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CausePathsTest {
    private static final Instant FIRST_WINDOW = Instant.parse("2026-11-20T10:00:00Z");
    private static final Pod INGRESS = new Pod("istio-ingressgateway-7d4f8b8c9-abcde", "istio-system",
            "istio-ingressgateway", "1.24.0");
    private static final Pod MONGODB = new Pod("mongodb-v1-7c9d8f6b5-qwert", "data", "mongodb", "v1");
    private static final Pod CHECKOUT = new Pod("checkout-v1-59b8c7d6f-zxcvb", "shop", "checkout", "v1");
    private static final long[] FAILED_DURATIONS = {3, 40, 250};
    private static final long SERVED_DURATION = 7;

    private PipelineDriver pipeline;

    /**
     * How one cause shows up: the failing line's shape, who wrote it, and where the pipeline must count it.
     * {@code hosts} are the upstream hosts of the three failing requests ({@code -} when Envoy had none).
     */
    private record Case(Cause cause, Direction direction, String service, Pod sidecar, boolean someRaw,
            boolean mixerFormat, AccessLine failing, AccessLine served, String[] hosts) {
    }

    private static Case caseOf(Cause cause) {
        return switch (cause) {
            case NO_HEALTHY_UPSTREAM -> outboundCase(cause, "reviews", "default", 9080,
                    l -> l.response(503, "UH", "no_healthy_upstream"), "-");
            case MTLS_MISMATCH -> outboundCase(cause, "ratings", "default", 9080,
                    l -> l.response(503, "UF", "upstream_reset_before_response_started{connection_failure,"
                            + "TLS_error:_268435703:SSL_routines:OPENSSL_internal:WRONG_VERSION_NUMBER}")
                            .failureReason("TLS_error:_268435703:SSL_routines:OPENSSL_internal:WRONG_VERSION_NUMBER"),
                    "10.44.2.7:9080", "10.44.2.8:9080");
            case CONNECTION_REFUSED -> outboundCase(cause, "orders", "shop", 8080,
                    l -> l.response(503, "UF", "upstream_reset_before_response_started{connection_failure}")
                            .failureReason("delayed_connect_error:_111"), "10.1.7.7:8080", "10.1.7.8:8080");
            case CIRCUIT_BREAKER_OVERFLOW -> outboundCase(cause, "cart", "shop", 8080,
                    l -> l.response(503, "UO", "upstream_reset_before_response_started{overflow}"), "-");
            case UPSTREAM_KEEPALIVE_RESET -> outboundCase(cause, "payments", "shop", 8080,
                    l -> l.response(503, "UC", "upstream_reset_before_response_started{connection_termination}"),
                    "10.1.8.8:8080", "10.1.8.9:8080");
            case RETRIES_EXHAUSTED -> outboundCase(cause, "inventory", "shop", 8080,
                    l -> l.response(503, "URX", "via_upstream"), "10.1.9.9:8080", "10.1.9.10:8080");
            case NO_ROUTE -> new Case(cause, Direction.UNKNOWN, "catalog.shop", CHECKOUT, true, false,
                    unrouted("catalog.shop.svc.cluster.local:8080").response(404, "NR", "route_not_found"),
                    unrouted("catalog.shop.svc.cluster.local:8080"), none());
            // The server's listener found no filter chain: a TCP line with no cluster and no authority, named
            // after the sidecar's own workload, so every line comes through Fluent Bit with the pod's labels.
            case NO_FILTER_CHAIN -> new Case(cause, Direction.UNKNOWN, MONGODB.workload(), MONGODB, false, false,
                    unrouted("-").tcp().response(0, "NR", "filter_chain_not_found"),
                    unrouted("-").tcp().response(0, "-", "-"), none());
            // The request could not be decoded, so there is no authority either: named after the sidecar.
            case DOWNSTREAM_PROTOCOL_ERROR -> new Case(cause, Direction.UNKNOWN, CHECKOUT.workload(), CHECKOUT, false,
                    false, unrouted("-").response(400, "DPE", "http1.codec_error"), unrouted("-"), none());
            case HTTP10_CLIENT -> new Case(cause, Direction.UNKNOWN, "reviews.default", PRODUCTPAGE, true, false,
                    unrouted("reviews.default.svc.cluster.local:9080").request("GET", "/reviews/0", "HTTP/1.0")
                            .response(426, "-", "low_version"),
                    unrouted("reviews.default.svc.cluster.local:9080"), none());
            case UPSTREAM_TIMEOUT -> outboundCase(cause, "details", "default", 9080,
                    l -> l.response(504, "UT", "response_timeout"), "10.44.3.3:9080", "10.44.3.4:9080");
            case STREAM_IDLE_TIMEOUT -> outboundCase(cause, "notifications", "shop", 8080,
                    l -> l.response(408, "SI", "stream_idle_timeout"), "10.1.5.5:8080", "10.1.5.6:8080");
            case DOWNSTREAM_DISCONNECT -> inboundCase(cause, l -> l.response(0, "DC", "downstream_remote_disconnect"),
                    "10.44.1.27:9080", "10.44.1.28:9080");
            case UPSTREAM_RESET -> outboundCase(cause, "search", "shop", 8080,
                    l -> l.response(503, "UR", "upstream_reset_before_response_started{remote_reset}"),
                    "10.1.6.6:8080", "10.1.6.7:8080");
            // An ingress gateway's line: only the pod's labels say it is a gateway, so no line comes raw.
            case RATE_LIMITED -> new Case(cause, Direction.GATEWAY, "productpage.default", INGRESS, false, false,
                    outbound("productpage", "default", 9080).response(429, "RL", "request_rate_limited"),
                    outbound("productpage", "default", 9080).upstreamHost("10.44.1.23:9080"), none());
            case EXT_AUTHZ_DENIED -> inboundCase(cause, l -> l.response(403, "UAEX", "ext_authz_denied"), "-");
            case RBAC_DENIED -> inboundCase(cause, l -> l.response(403, "-", "rbac_access_denied_matched_policy[none]"),
                    "-");
            case FAULT_INJECTED -> outboundCase(cause, "ratings", "default", 9080,
                    l -> l.response(503, "FI", "fault_filter_abort"), "-");
            case UPSTREAM_PROTOCOL_ERROR -> outboundCase(cause, "legacy", "shop", 8080,
                    l -> l.response(502, "UPE", "upstream_reset_before_response_started{protocol_error}"),
                    "10.1.4.4:8080", "10.1.4.5:8080");
            case CLUSTER_NOT_FOUND -> new Case(cause, Direction.UNKNOWN, "reviews.default", PRODUCTPAGE, true, false,
                    unrouted("reviews.default.svc.cluster.local:9080").response(503, "NC", "cluster_not_found"),
                    unrouted("reviews.default.svc.cluster.local:9080"), none());
            // Istio 1.1-1.5: the Mixer policy check failed; only the 1.3-1.8 format has the Mixer status.
            case MIXER_POLICY_UNAVAILABLE -> new Case(cause, Direction.OUTBOUND, "reviews.default", PRODUCTPAGE, true,
                    true, outbound("reviews", "default", 9080).response(503, "-", "-")
                            .mixerStatus("UNAVAILABLE:no healthy upstream"),
                    outbound("reviews", "default", 9080).upstreamHost("10.44.1.27:9080"), none());
            case OVERLOAD -> outboundCase(cause, "reviews", "default", 9080,
                    l -> l.response(503, "OM", "overload_manager"), "-");
            case DNS_FAILURE -> new Case(cause, Direction.OUTBOUND, "api.partner.example.com", PRODUCTPAGE, true, false,
                    egress().response(503, "DF", "dns_resolution_failure"), egress().upstreamHost("203.0.113.7:443"),
                    none());
            case APPLICATION_ERROR -> inboundCase(cause, l -> l.response(500, "-", "via_upstream"),
                    "10.44.1.27:9080", "10.44.1.28:9080");
            // A flag an Envoy extension registered at runtime: no rule knows it.
            case OTHER -> outboundCase(cause, "reviews", "default", 9080,
                    l -> l.response(503, "XRT", "custom_filter_reject"), "-");
            case NONE -> throw new IllegalArgumentException("NONE is what the served line is for");
        };
    }

    private static Case outboundCase(Cause cause, String host, String namespace, int port,
            UnaryOperator<AccessLine> failure, String... hosts) {
        AccessLine template = outbound(host, namespace, port).request("GET", "/" + host + "/0", "HTTP/1.1");
        return new Case(cause, Direction.OUTBOUND, host + "." + namespace, PRODUCTPAGE, true, false,
                failure.apply(template.copy()), template.copy().upstreamHost("10.44.1.99:" + port), hosts(hosts));
    }

    /** The reviews sidecar's view of a request from productpage, reached over mTLS (SNI names the service). */
    private static Case inboundCase(Cause cause, UnaryOperator<AccessLine> failure,
            String... hosts) {
        AccessLine template = inbound("reviews", "default", 9080).request("GET", "/reviews/0", "HTTP/1.1");
        return new Case(cause, Direction.INBOUND, "reviews.default", REVIEWS, true, false,
                failure.apply(template.copy()), template.copy().upstreamHost("10.44.1.27:9080"), hosts(hosts));
    }

    private static AccessLine egress() {
        return LogRecords.egress("api.partner.example.com", 443).request("GET", "/v1/quotes", "HTTP/1.1");
    }

    /** Three failing requests: the first two to {@code hosts[0]}, the third to the second host if any. */
    private static String[] hosts(String... hosts) {
        return new String[] {hosts[0], hosts[0], hosts.length > 1 ? hosts[1] : hosts[0]};
    }

    private static String[] none() {
        return hosts("-");
    }

    /** One driver for all causes, each cause in a window of its own: the driver's start-up is the slow part. */
    @BeforeAll
    void pipeEveryCause() {
        pipeline = PipelineDriver.start();
        for (Cause cause : Cause.values()) {
            if (cause != Cause.NONE) {
                Case c = caseOf(cause);
                List<AccessLine> lines = lines(c);
                for (int i = 0; i < lines.size(); i++) {
                    String text = c.mixerFormat() ? lines.get(i).mixerText() : lines.get(i).text();
                    Instant read = windowOf(cause).plusSeconds(55);
                    // Raw and Fluent Bit records alternate where the line alone names the service.
                    boolean raw = c.someRaw() && i % 2 == 0;
                    pipeline.pipe(raw ? text : LogRecords.fluentBit(text, read, c.sidecar()), read);
                }
            }
        }
    }

    @AfterAll
    void close() {
        pipeline.close();
    }

    private static Instant windowOf(Cause cause) {
        return FIRST_WINDOW.plus(Duration.ofMinutes(cause.ordinal()));
    }

    /** In the order piped: three failing requests with a served one after the first. */
    private static List<AccessLine> lines(Case c) {
        Instant first = windowOf(c.cause()).plusSeconds(5);
        List<AccessLine> failing = new ArrayList<>();
        for (int i = 0; i < FAILED_DURATIONS.length; i++) {
            failing.add(c.failing().copy().at(first.plusSeconds(20L * i)).requestId(c.cause().id() + "-" + i)
                    .upstreamHost(c.hosts()[i]).bytes(10 + i, 100L * (i + 1)).duration(FAILED_DURATIONS[i]));
        }
        AccessLine served = c.served().copy().at(first.plusSeconds(10)).requestId(c.cause().id() + "-served")
                .bytes(5, 1000).duration(SERVED_DURATION);
        return List.of(failing.get(0), served, failing.get(1), failing.get(2));
    }

    @ParameterizedTest
    @EnumSource(value = Cause.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void everyCauseIsCountedInItsServiceDirectionAndWindow(Cause cause) {
        Case c = caseOf(cause);
        List<AccessLine> lines = lines(c);
        AccessLine served = lines.get(1);
        List<AccessLine> failing = List.of(lines.get(0), lines.get(2), lines.get(3));
        ServiceWindow window = pipeline.window(c.service(), windowOf(cause));

        assertNotNull(window, "no window for " + c.service());
        assertEquals(4, window.requests());
        assertEquals(4, window.requests(c.direction()));
        assertEquals(3, window.errors());
        assertEquals(3, window.errors(c.direction()));
        assertEquals(1, window.causes().size(), window.causes().toString());
        ServiceWindow.CauseCounts counts = window.causes().get(0);
        assertEquals(c.direction(), counts.direction());
        assertEquals(cause, counts.cause());
        assertEquals(3, counts.count());
        assertEquals(failing.stream().mapToLong(l -> l.bytesReceived() + l.bytesSent()).sum(), counts.bytes());
        assertEquals(counts.bytes() + served.bytesReceived() + served.bytesSent(), window.bytes());
        assertEquals(flagBits(c.failing().flags()), counts.flags());
        assertEquals(cause.id() + "-0", counts.sampleRequestId());
        assertEquals(windowOf(cause).plusSeconds(5).toEpochMilli(), counts.firstSeen());
        assertEquals(windowOf(cause).plusSeconds(45).toEpochMilli(), counts.lastSeen());
        assertEquals(expectedTop(failing.stream().map(AccessLine::upstreamHost).toList()),
                counts.upstreamHosts().top(ServiceWindow.TOP));
        assertEquals(expectedTop(failing.stream().map(AccessLine::route).toList()),
                counts.routes().top(ServiceWindow.TOP));
        assertDurations(window.durations(), lines.stream().mapToLong(AccessLine::duration).toArray());
    }

    /** Counts of the present ({@code -} is absent) values, largest first, ties by name. */
    private static List<TopCounts.Entry> expectedTop(List<String> values) {
        List<TopCounts.Entry> entries = new ArrayList<>();
        values.stream().filter(v -> !v.equals("-")).distinct().forEach(v ->
                entries.add(new TopCounts.Entry(v, values.stream().filter(v::equals).count())));
        entries.sort(Comparator.comparingLong(TopCounts.Entry::count).reversed()
                .thenComparing(TopCounts.Entry::key));
        return entries;
    }

    private static long flagBits(String flags) {
        if (flags.equals("-")) {
            return 0;
        }
        long bits = 0;
        for (String name : flags.split(",")) {
            bits |= Arrays.stream(ResponseFlag.values()).filter(f -> f.name().equals(name)).findFirst()
                    .orElse(ResponseFlag.UNKNOWN).bit();
        }
        return bits;
    }

    /** The durations chosen are below 256 ms, which a two-digit HdrHistogram records exactly. */
    private static void assertDurations(Histogram histogram, long[] durations) {
        long[] sorted = durations.clone();
        Arrays.sort(sorted);
        assertEquals(sorted.length, histogram.getTotalCount());
        assertEquals(sorted[0], histogram.getMinValue());
        assertEquals(sorted[sorted.length - 1], histogram.getMaxValue());
        for (double percentile : new double[] {25, 50, 75, 100}) {
            int nearestRank = (int) Math.ceil(percentile / 100 * sorted.length);
            assertEquals(sorted[nearestRank - 1], histogram.getValueAtPercentile(percentile), "p" + percentile);
        }
    }
}
