package dev.meshlens.benchmarks.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Requests through Istio's Bookinfo sample (gateway, productpage, details, reviews v1-v3, ratings) as their
 * sidecars log them: mostly {@code 200 via_upstream}, with the 404s and 503s of a mesh having a bad day, each
 * with the flags, details and sizes Envoy writes for that failure. Seeded, so every run measures the same lines.
 */
public final class BookinfoTraffic {
    /** 2026-11-22T10:00:00Z. */
    private static final long START_MILLIS = 1_795_341_600_000L;
    private static final int PORT = 9080;

    private static final Workload GATEWAY =
            new Workload("istio-ingressgateway", "1.24.0", "istio-ingressgateway-5c8f8d9b7-x2kqp", "10.44.0.12", "node-1");
    private static final Workload PRODUCTPAGE =
            new Workload("productpage", "v1", "productpage-v1-6b746f74dc-9stvs", "10.44.1.23", "node-1");
    private static final Workload DETAILS =
            new Workload("details", "v1", "details-v1-79f774bdb9-7xk2c", "10.44.2.14", "node-2");
    private static final Workload REVIEWS_V1 =
            new Workload("reviews", "v1", "reviews-v1-545db77b95-lq8tz", "10.44.2.31", "node-2");
    private static final Workload REVIEWS_V2 =
            new Workload("reviews", "v2", "reviews-v2-7bf8c9648f-m4w9d", "10.44.3.7", "node-3");
    private static final Workload REVIEWS_V3 =
            new Workload("reviews", "v3", "reviews-v3-84779c7bbc-p2x6n", "10.44.3.19", "node-3");
    private static final Workload RATINGS =
            new Workload("ratings", "v1", "ratings-v1-b6994bb9-4h7gd", "10.44.1.40", "node-1");

    private static final String[] BROWSERS = {
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
        "curl/8.5.0",
    };

    /** A call from one workload to a service, with what that caller sends. */
    private record Hop(Workload caller, Workload callee, String service, String clusterIp, boolean subsetRouted,
                       String[] paths, String userAgent, int okBytes) {
    }

    private static final List<Hop> HOPS = List.of(
            new Hop(GATEWAY, PRODUCTPAGE, "productpage", "10.0.45.184", false,
                    new String[] {"/productpage", "/productpage?u=normal", "/productpage?u=test", "/login",
                        "/static/tailwind/tailwind.css", "/api/v1/products/0/reviews"}, null, 5_293),
            new Hop(PRODUCTPAGE, DETAILS, "details", "10.0.12.77", false, new String[] {"/details/"},
                    "python-requests/2.31.0", 178),
            new Hop(PRODUCTPAGE, REVIEWS_V1, "reviews", "10.0.88.3", true, new String[] {"/reviews/"},
                    "python-requests/2.31.0", 358),
            new Hop(PRODUCTPAGE, REVIEWS_V2, "reviews", "10.0.88.3", true, new String[] {"/reviews/"},
                    "python-requests/2.31.0", 437),
            new Hop(PRODUCTPAGE, REVIEWS_V3, "reviews", "10.0.88.3", true, new String[] {"/reviews/"},
                    "python-requests/2.31.0", 437),
            new Hop(REVIEWS_V2, RATINGS, "ratings", "10.0.150.21", false, new String[] {"/ratings/"},
                    "Apache-CXF/3.1.18", 48),
            new Hop(REVIEWS_V3, RATINGS, "ratings", "10.0.150.21", false, new String[] {"/ratings/"},
                    "Apache-CXF/3.1.18", 48));

    /**
     * What happened to a request, as Envoy reports it. Failures the proxy produced itself are logged by the
     * caller's sidecar only ({@code inboundToo} false): the callee never saw the request.
     */
    private enum Outcome {
        OK(200, null, "via_upstream", 0, true, true, 60),
        APP_NOT_FOUND(404, null, "via_upstream", 0, true, true, 6),
        NO_ROUTE(404, "NR", "route_not_found", 0, false, false, 5),
        NO_HEALTHY_UPSTREAM(503, "UH", "no_healthy_upstream", 19, false, false, 7),
        CONNECT_FAILURE(503, "UF,URX",
                "upstream_reset_before_response_started{remote_connection_failure,delayed_connect_error:_111}",
                91, true, false, 6),
        OVERFLOW(503, "UO", "upstream_reset_before_response_started{overflow}", 81, false, false, 4),
        CONNECTION_TERMINATION(503, "UC", "upstream_reset_before_response_started{connection_termination}",
                95, true, false, 4),
        TIMEOUT(504, "UT", "response_timeout", 24, true, false, 4),
        CLIENT_GONE(0, "DC", "downstream_remote_disconnect", 0, true, true, 4);

        final int code;
        final String flags;
        final String details;
        final int localReplyBytes;
        final boolean hostChosen;
        final boolean inboundToo;
        final int weight;

        Outcome(int code, String flags, String details, int localReplyBytes, boolean hostChosen, boolean inboundToo,
                int weight) {
            this.code = code;
            this.flags = flags;
            this.details = details;
            this.localReplyBytes = localReplyBytes;
            this.hostChosen = hostChosen;
            this.inboundToo = inboundToo;
            this.weight = weight;
        }

        static Outcome pick(Random random) {
            int total = 0;
            for (Outcome outcome : values()) {
                total += outcome.weight;
            }
            int ticket = random.nextInt(total);
            for (Outcome outcome : values()) {
                ticket -= outcome.weight;
                if (ticket < 0) {
                    return outcome;
                }
            }
            throw new AssertionError("weights cover every ticket");
        }
    }

    private final Random random;
    private long clock = START_MILLIS;

    private BookinfoTraffic(long seed) {
        this.random = new Random(seed);
    }

    /** {@code count} requests, the same for the same seed. */
    public static List<Request> generate(int count, long seed) {
        Supplier<Request> traffic = endless(seed);
        List<Request> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            requests.add(traffic.get());
        }
        return requests;
    }

    /** Requests without end, in time order, the same for the same seed: for files larger than memory. */
    public static Supplier<Request> endless(long seed) {
        return new BookinfoTraffic(seed)::next;
    }

    private Request next() {
        Hop hop = HOPS.get(random.nextInt(HOPS.size()));
        Outcome outcome = Outcome.pick(random);
        boolean inbound = outcome.inboundToo && random.nextBoolean();
        clock += 1 + random.nextInt(40);
        String path = hop.paths[random.nextInt(hop.paths.length)];
        if (path.endsWith("/")) {
            path += outcome == Outcome.APP_NOT_FOUND ? 100 + random.nextInt(900) : random.nextInt(10);
        }
        boolean fromGateway = hop.caller == GATEWAY;
        boolean login = path.equals("/login");
        long duration = duration(outcome, hop);
        boolean upstreamAnswered = outcome == Outcome.OK || outcome == Outcome.APP_NOT_FOUND;
        boolean hostKnown = inbound || outcome.hostChosen;
        String callee = hop.callee.podIp() + ":" + PORT;
        return new Request(
                clock,
                login ? "POST" : "GET",
                path,
                fromGateway && random.nextInt(3) == 0 ? "HTTP/2" : "HTTP/1.1",
                outcome.code,
                outcome.flags,
                outcome.details,
                null,
                outcome == Outcome.CONNECT_FAILURE ? "delayed_connect_error:_111" : null,
                login ? 37 + random.nextInt(20) : 0,
                sentBytes(outcome, hop),
                duration,
                upstreamAnswered ? Math.max(0, duration - random.nextInt(3)) : -1,
                fromGateway ? "203.0.113." + (1 + random.nextInt(250)) : null,
                hop.userAgent != null ? hop.userAgent : BROWSERS[random.nextInt(BROWSERS.length)],
                new UUID(random.nextLong(), random.nextLong()).toString(),
                fromGateway ? "bookinfo.example.com" : hop.service + ":" + PORT,
                hostKnown ? callee : null,
                outcome == Outcome.NO_ROUTE ? null : inbound ? "inbound|" + PORT + "||" : outboundCluster(hop),
                !hostKnown ? null : (inbound ? "127.0.0.6" : hop.caller.podIp()) + ":" + ephemeralPort(),
                inbound ? callee : fromGateway ? hop.caller.podIp() + ":8080" : hop.clusterIp + ":" + PORT,
                (fromGateway && !inbound ? "198.51.100.4" : hop.caller.podIp()) + ":" + ephemeralPort(),
                inbound ? sniName(hop) : fromGateway ? "bookinfo.example.com" : null,
                outcome == Outcome.NO_ROUTE ? null : inbound || !hop.subsetRouted ? "default" : "reviews-split",
                inbound ? hop.callee : hop.caller);
    }

    private long duration(Outcome outcome, Hop hop) {
        return switch (outcome) {
            case OK, APP_NOT_FOUND -> 1 + random.nextInt(hop.caller == GATEWAY ? 120 : 30);
            case TIMEOUT -> 3_000 + random.nextInt(5);
            case CONNECTION_TERMINATION, CLIENT_GONE -> 1 + random.nextInt(120_000);
            case CONNECT_FAILURE -> random.nextInt(4);
            default -> 0;
        };
    }

    private long sentBytes(Outcome outcome, Hop hop) {
        return switch (outcome) {
            case OK -> hop.okBytes + random.nextInt(hop.okBytes / 10 + 1);
            case APP_NOT_FOUND -> 43;
            default -> outcome.localReplyBytes;
        };
    }

    private String outboundCluster(Hop hop) {
        String subset = hop.subsetRouted ? hop.callee.version() : "";
        return "outbound|" + PORT + "|" + subset + "|" + hop.service + "." + Workload.NAMESPACE + ".svc.cluster.local";
    }

    private static String sniName(Hop hop) {
        String subset = hop.subsetRouted ? hop.callee.version() : "_";
        return "outbound_." + PORT + "_." + subset + "_." + hop.service + "." + Workload.NAMESPACE + ".svc.cluster.local";
    }

    private int ephemeralPort() {
        return 32_768 + random.nextInt(28_000);
    }
}
