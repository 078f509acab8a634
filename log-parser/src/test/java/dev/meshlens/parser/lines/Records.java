package dev.meshlens.parser.lines;

import static dev.meshlens.parser.lines.Origin.pick;

import dev.meshlens.parser.event.Field;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/** Random but realistic requests: HTTP through a sidecar, and TCP connections ({@code "- - -"}, code 0). */
public final class Records {
    private static final Cluster[] HTTP_CLUSTERS = {
        Cluster.pipes("outbound", 9080, "v1", "reviews.default.svc.cluster.local"),
        Cluster.pipes("outbound", 8000, "", "httpbin.foo.svc.cluster.local"),
        Cluster.pipes("inbound", 9080, "", ""),
        Cluster.sni("outbound", 9080, "v2", "reviews.default.svc.cluster.local", false),
        Cluster.sni("outbound", 8000, "", "httpbin.foo.svc.cluster.local", true),
        Cluster.opaque("PassthroughCluster"),
        Cluster.ABSENT,
    };
    private static final Cluster[] TCP_CLUSTERS = {
        Cluster.opaque("PassthroughCluster"),
        Cluster.opaque("BlackHoleCluster"),
        Cluster.opaque("InboundPassthroughClusterIpv4"),
        Cluster.pipes("outbound", 2181, "", "zookeeper.kafka.svc.cluster.local"),
        Cluster.ABSENT,
    };
    private static final String[] USER_AGENTS = {
        "curl/7.73.0-DEV",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
        "Apache-HttpClient/4.5.14 (Java/17.0.10)",
        "caf\u00e9-client/1.0 (\u2603 snowman; \uD83D\uDE00 grin) <tag> & more",
        null,
    };

    private Records() {
    }

    /** Any flag case, HTTP or TCP. */
    public static AccessRecord any(Random random) {
        List<FlagSet> cases = FlagCases.all();
        FlagSet flags = cases.get(random.nextInt(cases.size()));
        return random.nextInt(4) == 0 ? tcp(random, flags) : http(random, flags);
    }

    public static AccessRecord http(Random random, FlagSet flags) {
        AccessRecord r = common(random, flags)
                .text(Field.METHOD, pick(random, "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"))
                .text(Field.PATH, pick(random, "/productpage", "/reviews/0", "/status/418?x=a%20b&y=1", "/"))
                .text(Field.PROTOCOL, pick(random, "HTTP/1.1", "HTTP/2", "HTTP/1.0"))
                .number(Field.RESPONSE_CODE, random.nextInt(4) == 0 ? 0 : 100 + random.nextInt(500))
                .text(Field.RESPONSE_CODE_DETAILS, maybe(random, pick(random, "via_upstream",
                        "upstream_reset_before_response_started{connection_failure,delayed_connect_error:_111}",
                        "rbac_access_denied_matched_policy[none]", "no_healthy_upstream")))
                .text(Field.X_FORWARDED_FOR, maybe(random, pick(random, "10.0.35.28", "10.0.0.1, 192.168.7.2")))
                .text(Field.USER_AGENT, USER_AGENTS[random.nextInt(USER_AGENTS.length)])
                .text(Field.REQUEST_ID, maybe(random, new UUID(random.nextLong(), random.nextLong()).toString()))
                .text(Field.AUTHORITY, maybe(random, pick(random, "reviews:9080", "httpbin.foo:8000", "[::1]:80")))
                .cluster(HTTP_CLUSTERS[random.nextInt(HTTP_CLUSTERS.length)]);
        if (random.nextBoolean()) {
            r.number(Field.UPSTREAM_SERVICE_TIME, random.nextInt(30_000));
        }
        return r;
    }

    /** A TCP proxy connection: HTTP operators print {@code -}, the code is 0. */
    public static AccessRecord tcp(Random random, FlagSet flags) {
        return common(random, flags)
                .number(Field.RESPONSE_CODE, 0)
                .text(Field.RESPONSE_CODE_DETAILS, random.nextBoolean() ? null : "filter_chain_not_found")
                .cluster(TCP_CLUSTERS[random.nextInt(TCP_CLUSTERS.length)]);
    }

    private static AccessRecord common(Random random, FlagSet flags) {
        return new AccessRecord()
                .startMillis(1_400_000_000_000L + (long) (random.nextDouble() * 500_000_000_000L))
                .flags(flags)
                .text(Field.CONNECTION_TERMINATION_DETAILS, maybe(random, "closed_by_upstream"))
                .text(Field.UPSTREAM_TRANSPORT_FAILURE_REASON, maybe(random, pick(random,
                        "delayed_connect_error:_111", "TLS error: Secret is not supplied by SDS")))
                .text(Field.ISTIO_POLICY_STATUS, maybe(random, "UNAVAILABLE:no healthy upstream"))
                .number(Field.BYTES_RECEIVED, random.nextInt(1 << 20))
                .number(Field.BYTES_SENT, random.nextInt(4) == 0 ? 0 : random.nextInt(Integer.MAX_VALUE))
                .number(Field.DURATION, random.nextInt(130_000))
                .text(Field.UPSTREAM_HOST, maybe(random, "10.44.1.27:" + (80 + random.nextInt(9000))))
                .text(Field.UPSTREAM_LOCAL_ADDRESS, maybe(random, "10.44.1.23:" + (30_000 + random.nextInt(30_000))))
                .text(Field.DOWNSTREAM_LOCAL_ADDRESS, pick(random, "10.0.45.184:8000", "[fd00::1]:9080"))
                .text(Field.DOWNSTREAM_REMOTE_ADDRESS, "10.44.1.23:" + (30_000 + random.nextInt(30_000)))
                .text(Field.REQUESTED_SERVER_NAME,
                        maybe(random, "outbound_.9080_.v1_.reviews.default.svc.cluster.local"))
                .text(Field.ROUTE_NAME, maybe(random, pick(random, "default", "reviews-route")))
                .fooHeader("header-" + Long.toString(random.nextLong() >>> 1, 36))
                .wireBytesSent(random.nextInt(1 << 24));
    }

    private static String maybe(Random random, String value) {
        return random.nextInt(3) == 0 ? null : value;
    }
}
