package dev.meshlens.parser.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.meshlens.parser.AccessLogParser;
import dev.meshlens.parser.lines.Cluster;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Istio's cluster names split into direction, port, subset and host, through the parser. */
class ClusterNameTest {
    private final AccessLogParser parser = AccessLogParser.forFormat("json");
    private final AccessEvent event = new AccessEvent();

    static Stream<Cluster> clusters() {
        return Stream.of(
                Cluster.pipes("outbound", 9080, "v1", "reviews.default.svc.cluster.local"),
                Cluster.pipes("outbound", 8000, "", "httpbin.foo.svc.cluster.local"),
                Cluster.pipes("inbound", 9080, "", ""),
                Cluster.pipes("inbound-vip", 443, "", "api.example.com"),
                Cluster.pipes("outbound", 15021, "canary-v2", "istio-ingressgateway.istio-system.svc.cluster.local"),
                Cluster.sni("outbound", 9080, "v1", "reviews.default.svc.cluster.local", false),
                Cluster.sni("outbound", 8000, "", "httpbin.foo.svc.cluster.local", false),
                Cluster.sni("outbound", 8080, "", "internal-api.default.svc.cluster.local", true),
                Cluster.sni("inbound", 9080, "v3", "ratings", true),
                Cluster.opaque("PassthroughCluster"),
                Cluster.opaque("BlackHoleCluster"),
                Cluster.opaque("InboundPassthroughClusterIpv6"),
                Cluster.opaque("xds-grpc"),
                Cluster.opaque("sidecar_.9080_.v1_.not-a-direction"),
                new Cluster("outbound|http|v1|reviews", "outbound", -1, "v1", "reviews"),
                new Cluster("outbound|9080", "outbound", -1, null, null),
                new Cluster("outbound|9080|v1", "outbound", 9080, null, null),
                new Cluster("|9080|v1|reviews", null, -1, null, null),
                new Cluster("outbound_.9080_.reviews", "outbound", 9080, null, null));
    }

    @ParameterizedTest
    @MethodSource("clusters")
    void partsAreWhatTheNameWasBuiltFrom(Cluster cluster) {
        parse(cluster);
        assertParts(cluster);
    }

    /** The name is split when a part is first read: parts of a line never read must not leak into the next. */
    @Test
    void partsReadLateBelongToTheLastLine() {
        List<Cluster> all = clusters().toList();
        for (int i = 0; i < all.size(); i++) {
            parse(all.get(i));
            parse(all.get((i + 1) % all.size()));
            assertParts(all.get((i + 1) % all.size()));
        }
    }

    private void parse(Cluster cluster) {
        byte[] line = ("{\"response_code\":503,\"upstream_cluster\":\"" + cluster.printed() + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(ParseStatus.OK, parser.parse(line, 0, line.length, event));
    }

    private void assertParts(Cluster cluster) {
        assertEquals(cluster.printed(), text(Field.UPSTREAM_CLUSTER));
        assertEquals(cluster.direction(), text(Field.CLUSTER_DIRECTION));
        assertEquals(cluster.port(), event.clusterPort());
        assertEquals(cluster.subset(), text(Field.CLUSTER_SUBSET));
        assertEquals(cluster.host(), text(Field.CLUSTER_HOST));
    }

    private String text(Field field) {
        ByteView view = event.text(field);
        return view == null ? null : view.toString();
    }
}
