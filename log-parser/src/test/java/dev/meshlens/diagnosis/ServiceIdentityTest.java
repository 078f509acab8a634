package dev.meshlens.diagnosis;

import static dev.meshlens.diagnosis.IstioLine.line;
import static dev.meshlens.diagnosis.IstioLine.localReply;
import static dev.meshlens.diagnosis.IstioLine.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each rule of {@link ServiceIdentity}'s javadoc, on lines as sidecars write them and Fluent Bit ships them. */
class ServiceIdentityTest {
    private static final Map<String, String> PRODUCTPAGE = Map.of("app", "productpage", "version", "v1");
    private static final Map<String, String> REVIEWS_V2 = Map.of("app", "reviews", "version", "v2");
    private static final Map<String, String> INGRESS = Map.of("app", "istio-ingressgateway", "istio", "ingressgateway");

    private final Lines lines = new Lines();
    private final ServiceIdentity identity = new ServiceIdentity(new NameInterner(1000));

    @Test
    void anOutboundClusterNamesTheDestinationAndItsSubset() {
        identify(line().cluster("outbound|9080|v1|reviews.default.svc.cluster.local").text());
        assertIdentity("reviews.default", Direction.OUTBOUND);
        assertEquals("v1", identity.subset());
        assertNull(identity.workload(), "a bare line says nothing of the sidecar's own workload");
    }

    @Test
    void anOutboundClusterToAServiceEntryHostKeepsTheHost() {
        identify(line().cluster("outbound|443||api.example.com").authority("api.example.com").text());
        assertIdentity("api.example.com", Direction.OUTBOUND);
        assertNull(identity.subset());
    }

    @Test
    void anInboundClusterIsNamedByTheRequestedServerName() {
        identify(line().cluster("inbound|9080||").serverName("outbound_.9080_.v2_.reviews.default.svc.cluster.local")
                .fluentBitRecord("reviews-v2-7d9f8c6b5-x2x7q", "default", REVIEWS_V2));
        assertIdentity("reviews.default", Direction.INBOUND);
        assertEquals("v2", identity.subset());
    }

    @Test
    void anInboundClusterWithoutServerNameIsTheSidecarsOwnWorkload() {
        identify(line().cluster("inbound|9080||").authority("10.40.2.17:9080")
                .fluentBitRecord("reviews-v2-7d9f8c6b5-x2x7q", "default", REVIEWS_V2));
        assertIdentity("reviews.default", Direction.INBOUND);
    }

    @Test
    void anInboundClusterWithoutServerNameOrEnvelopeFallsBackToTheAuthority() {
        identify(line().cluster("inbound|9080||").text());
        assertIdentity("reviews", Direction.INBOUND);
    }

    @Test
    void anIstio15InboundClusterNamesItsHostAndItsPortNameIsNoSubset() {
        IstioLine inbound = line().cluster("inbound|9080|http|details.default.svc.cluster.local").authority("details:9080");
        identify(inbound.text());
        assertIdentity("details.default", Direction.INBOUND);
        assertNull(identity.subset());
        identify(inbound.serverName("outbound_.9080_.v1_.details.default.svc.cluster.local").text());
        assertIdentity("details.default", Direction.INBOUND);
        assertEquals("v1", identity.subset());
    }

    @Test
    void passthroughAndBlackHoleClustersAreNamedAsSuch() {
        identify(tcp("-").cluster("PassthroughCluster").upstreamHost("1.2.3.4:443").text());
        assertIdentity("PassthroughCluster", Direction.OUTBOUND);
        identify(tcp("UH").cluster("BlackHoleCluster").upstreamHost("-").text());
        assertIdentity("BlackHoleCluster", Direction.OUTBOUND);
        identify(tcp("UF,URX").cluster("InboundPassthroughClusterIpv4").upstreamHost("100.72.2.95:7801").text());
        assertIdentity("InboundPassthroughCluster", Direction.INBOUND);
    }

    @Test
    void noRouteWithoutClusterIsNamedByTheAuthorityInTheEnvelopesNamespace() {
        identify(localReply(404, "NR", "route_not_found").cluster("-")
                .fluentBitRecord("productpage-v1-6b746f74dc-9stvs", "default", PRODUCTPAGE));
        assertIdentity("reviews.default", Direction.UNKNOWN);
    }

    @Test
    void aClusterLocalAuthorityLosesItsSuffixAndPort() {
        identify(localReply(404, "NR", "route_not_found").cluster("-")
                .authority("reviews.default.svc.cluster.local:9080").text());
        assertIdentity("reviews.default", Direction.UNKNOWN);
        identify(localReply(404, "NR", "route_not_found").cluster("-").authority("ratings.shop.svc:9080").text());
        assertIdentity("ratings.shop", Direction.UNKNOWN);
    }

    @Test
    void anExternalAuthorityIsKeptAsItIs() {
        identify(localReply(404, "NR", "route_not_found").cluster("-").authority("shop.example.com")
                .fluentBitRecord("productpage-v1-6b746f74dc-9stvs", "default", PRODUCTPAGE));
        assertIdentity("shop.example.com", Direction.UNKNOWN);
    }

    @Test
    void anAddressAuthorityLosesItsPortButIsNeverQualifiedWithANamespace() {
        String pod = "productpage-v1-6b746f74dc-9stvs";
        identify(localReply(404, "NR", "route_not_found").cluster("-").authority("10.96.18.4:9080")
                .fluentBitRecord(pod, "default", PRODUCTPAGE));
        assertIdentity("10.96.18.4", Direction.UNKNOWN);
        identify(localReply(404, "NR", "route_not_found").cluster("-").authority("[2001:db8::7]:9080")
                .fluentBitRecord(pod, "default", PRODUCTPAGE));
        assertIdentity("[2001:db8::7]", Direction.UNKNOWN);
        identify(localReply(404, "NR", "route_not_found").cluster("-").authority("[fd00::a]")
                .fluentBitRecord(pod, "default", PRODUCTPAGE));
        assertIdentity("[fd00::a]", Direction.UNKNOWN);
        identify(localReply(404, "NR", "route_not_found").cluster("-").authority("fd00::a").text());
        assertIdentity("fd00::a", Direction.UNKNOWN);
    }

    @Test
    void aDeniedRequestWithoutClusterButWithAnIstioServerNameIsInboundToThatService() {
        identify(localReply(403, "-", "rbac_access_denied_matched_policy[none]").cluster("-")
                .authority("httpbin:8000").serverName("outbound_.8000_._.httpbin.foo.svc.cluster.local").text());
        assertIdentity("httpbin.foo", Direction.INBOUND);
    }

    @Test
    void aProtocolErrorWithoutAuthorityIsTheSidecarsWorkloadOrUnknown() {
        IstioLine codecError = localReply(400, "DPE", "http1.codec_error").request("- - HTTP/1.1").authority("-")
                .cluster("-");
        identify(codecError.fluentBitRecord("reviews-v2-7d9f8c6b5-x2x7q", "default", REVIEWS_V2));
        assertIdentity("reviews.default", Direction.UNKNOWN);
        identify(codecError.text());
        assertIdentity(ServiceIdentity.UNKNOWN, Direction.UNKNOWN);
    }

    @Test
    void aGatewayIsKnownByItsAppLabel() {
        identify(line().cluster("outbound|9080||productpage.default.svc.cluster.local").authority("shop.example.com")
                .fluentBitRecord("istio-ingressgateway-7d9f8c6b5-x2x7q", "istio-system", INGRESS));
        assertIdentity("productpage.default", Direction.GATEWAY);
        assertEquals("istio-ingressgateway.istio-system", identity.workload());
        identify(localReply(404, "NR", "route_not_found").cluster("-").authority("shop.example.com")
                .fluentBitRecord("istio-ingressgateway-7d9f8c6b5-x2x7q", "istio-system", INGRESS));
        assertIdentity("shop.example.com", Direction.GATEWAY);
    }

    @Test
    void aGatewayWithoutAppLabelIsKnownByItsPodName() {
        identify(line().cluster("outbound|443||api.example.com").authority("api.example.com")
                .fluentBitRecord("istio-egressgateway-5c7d8b9f4-q8w2e", "istio-system", Map.of("istio", "egressgateway")));
        assertIdentity("api.example.com", Direction.GATEWAY);
        assertEquals("istio-egressgateway-5c7d8b9f4-q8w2e.istio-system", identity.workload());
    }

    @Test
    void theWorkloadAndVersionComeFromTheLabels() {
        identify(line().fluentBitRecord("reviews-v2-7d9f8c6b5-x2x7q", "default", REVIEWS_V2));
        assertEquals("reviews.default", identity.workload());
        assertEquals("v2", identity.workloadVersion());
        identify(line().fluentBitRecord("ratings-v1-5d7c9b8f6-abcde", "shop",
                Map.of("app.kubernetes.io/name", "ratings", "app.kubernetes.io/version", "1.4.2")));
        assertEquals("ratings.shop", identity.workload());
        assertEquals("1.4.2", identity.workloadVersion());
    }

    @Test
    void namesAreSharedBetweenLines() {
        identify(line().text());
        String first = identity.service();
        identify(line().code(503).flags("UF").text());
        assertSame(first, identity.service());
    }

    /** Every line twice: the second time from the memo, which must give what a fresh identity works out. */
    private void identify(String line) {
        identity.identify(lines.decode(line));
        ServiceIdentity fresh = new ServiceIdentity(new NameInterner(1000)).identify(lines.decode(line));
        identity.identify(lines.decode(line));
        assertEquals(outcome(fresh), outcome(identity), line);
    }

    private static String outcome(ServiceIdentity identity) {
        return String.join(" ", identity.service(), identity.direction().name(), String.valueOf(identity.subset()),
                String.valueOf(identity.workload()), String.valueOf(identity.workloadVersion()));
    }

    @Test
    void linesThatDifferInOneFieldTheIdentityReadsAreNotConfusedByTheMemo() {
        Map<String, String> reviewsV3 = Map.of("app", "reviews", "version", "v3");
        Map<String, String> noApp = Map.of("version", "v2");
        List<String> variants = List.of(
                line().cluster("inbound|9080||").serverName("outbound_.9080_.v2_.reviews.default.svc.cluster.local")
                        .fluentBitRecord("reviews-v2-7d9f8c6b5-x2x7q", "default", REVIEWS_V2),
                line().cluster("inbound|9080||").serverName("outbound_.9080_.v1_.reviews.default.svc.cluster.local")
                        .fluentBitRecord("reviews-v2-7d9f8c6b5-x2x7q", "default", REVIEWS_V2),
                line().cluster("inbound|9080||").serverName("outbound_.9080_.v2_.reviews.default.svc.cluster.local")
                        .fluentBitRecord("reviews-v2-7d9f8c6b5-x2x7q", "staging", REVIEWS_V2),
                line().cluster("inbound|9080||").serverName("outbound_.9080_.v2_.reviews.default.svc.cluster.local")
                        .fluentBitRecord("reviews-v2-7d9f8c6b5-x2x7q", "default", reviewsV3),
                line().cluster("inbound|9080||").authority("10.40.2.17:9080")
                        .fluentBitRecord("reviews-v2-7d9f8c6b5-x2x7q", "default", noApp),
                line().cluster("inbound|9080||").authority("10.40.2.17:9080")
                        .fluentBitRecord("ratings-v1-5d9f8c6b5-a1b2c", "default", noApp),
                line().cluster("inbound|9080||").authority("10.40.2.17:9080")
                        .fluentBitRecord("istio-ingressgateway-5d9f8c6b5-a1b2c", "default", noApp),
                line().cluster("outbound|9080|v1|reviews.default.svc.cluster.local").text(),
                line().cluster("outbound|9080|v2|reviews.default.svc.cluster.local").text(),
                line().cluster("outbound|9080|v2|reviews.default.svc.cluster.local")
                        .fluentBitRecord("istio-ingressgateway-5d9f8c6b5-a1b2c", "istio-system", INGRESS),
                line().cluster("-").authority("reviews:9080").fluentBitRecord("productpage-v1-1", "default", PRODUCTPAGE),
                line().cluster("-").authority("details:9080").fluentBitRecord("productpage-v1-1", "default", PRODUCTPAGE),
                line().cluster("-").authority("details:9080").fluentBitRecord("productpage-v1-1", "prod", PRODUCTPAGE));
        for (int round = 0; round < 2; round++) {
            variants.forEach(this::identify);
        }
    }

    private void assertIdentity(String service, Direction direction) {
        assertEquals(service + " " + direction, identity.service() + " " + identity.direction());
    }
}
