package dev.meshlens.app.serving;

import java.util.Random;

/**
 * The traffic the serving tests send: a Bookinfo-like mesh over three consecutive windows, each failure with a
 * known cause (the README's cause table), service and direction, plus any number of extra services.
 */
public final class SampleMesh {
    public static final AccessRecords.Pod PRODUCTPAGE =
            new AccessRecords.Pod("productpage-v1-6b746f74dc-9stvs", "productpage", "v1", "default");
    public static final AccessRecords.Pod REVIEWS_V1 =
            new AccessRecords.Pod("reviews-v1-545db77b95-4xq2m", "reviews", "v1", "default");
    public static final AccessRecords.Pod REVIEWS_V2 =
            new AccessRecords.Pod("reviews-v2-7bf8c9648f-8mzbw", "reviews", "v2", "default");
    public static final AccessRecords.Pod GATEWAY =
            new AccessRecords.Pod("istio-ingressgateway-7d9f8c6b5-x2x7q", "istio-ingressgateway", null, "istio-system");

    public static final String REVIEWS = "reviews.default";
    public static final String DETAILS = "details.default";
    public static final String RATINGS = "ratings.default";
    public static final String SHOP = "shop.bookinfo.example";
    public static final String TLS = "TLS_error:_268435703:SSL_routines:OPENSSL_internal:WRONG_VERSION_NUMBER";

    private final MeshLedger ledger;
    private final long first;
    private final Random random = new Random(20261124);
    private final int[] inWindow = new int[3];

    private SampleMesh(long firstWindowStart, long windowMillis) {
        this.ledger = new MeshLedger(windowMillis);
        this.first = firstWindowStart;
    }

    /**
     * Three windows from {@code firstWindowStart}:
     * <ul>
     * <li>reviews.default: outbound 20 OK + 10 UH in window 0, 5 OK + 6 UH in window 1; inbound 8 OK in window 0,
     *     3 application errors (500, no flag) in window 1;</li>
     * <li>details.default: outbound 12 OK + 7 UF with a TLS error (mtls-mismatch) in window 1, to two hosts;</li>
     * <li>ratings.default: outbound 10 OK + 2 UO in window 2 (too few to alert);</li>
     * <li>shop.bookinfo.example: 6 NR at the gateway in window 2;</li>
     * <li>{@code extraServices} services {@code svcN.default}, outbound, N+2 OK and N % 3 UC in window N % 3;</li>
     * <li>two records that are no access lines.</li>
     * </ul>
     * Durations are random (seeded), from 1 ms to 3 s.
     */
    public static MeshLedger build(long firstWindowStart, long windowMillis, int extraServices) {
        SampleMesh mesh = new SampleMesh(firstWindowStart, windowMillis);
        mesh.reviews();
        mesh.details();
        mesh.ratings();
        mesh.gateway();
        for (int n = 1; n <= extraServices; n++) {
            mesh.extra(n);
        }
        mesh.ledger.addGarbage("not an access line at all");
        mesh.ledger.addGarbage("{\"log\":\"GET / 200\",\"kubernetes\":{\"pod_name\":\"x\"}}");
        return mesh.ledger;
    }

    private void reviews() {
        String out = "outbound|9080|v1|reviews.default.svc.cluster.local";
        String in = "inbound|9080||";
        String sni = "outbound_.9080_._.reviews.default.svc.cluster.local";
        repeat(20, 0, t -> ledger.add(PRODUCTPAGE, t, REVIEWS, "outbound", null, 200, null, "via_upstream", "-",
                duration(), "reviews:9080", out, "-", "10.40.2.15:9080"));
        repeat(10, 0, t -> ledger.add(PRODUCTPAGE, t, REVIEWS, "outbound", "no-healthy-upstream", 503, "UH",
                "no_healthy_upstream", "-", duration(), "reviews:9080", out, "-", null));
        repeat(8, 0, t -> ledger.add(REVIEWS_V1, t, REVIEWS, "inbound", null, 200, null, "via_upstream", "-",
                duration(), "reviews:9080", in, sni, "10.40.2.15:9080"));
        repeat(5, 1, t -> ledger.add(PRODUCTPAGE, t, REVIEWS, "outbound", null, 200, null, "via_upstream", "-",
                duration(), "reviews:9080", out, "-", "10.40.2.15:9080"));
        repeat(6, 1, t -> ledger.add(PRODUCTPAGE, t, REVIEWS, "outbound", "no-healthy-upstream", 503, "UH",
                "no_healthy_upstream", "-", duration(), "reviews:9080", out, "-", null));
        repeat(3, 1, t -> ledger.add(REVIEWS_V1, t, REVIEWS, "inbound", "application-error", 500, null,
                "via_upstream", "-", duration(), "reviews:9080", in, sni, "10.40.2.15:9080"));
    }

    private void details() {
        String out = "outbound|9080||details.default.svc.cluster.local";
        repeat(12, 1, t -> ledger.add(PRODUCTPAGE, t, DETAILS, "outbound", null, 200, null, "via_upstream", "-",
                duration(), "details:9080", out, "-", "10.40.3.2:9080"));
        int[] n = {0};
        repeat(7, 1, t -> ledger.add(PRODUCTPAGE, t, DETAILS, "outbound", "mtls-mismatch", 503, "UF",
                "upstream_reset_before_response_started{connection_failure," + TLS + "}", TLS, duration(),
                "details:9080", out, "-", n[0]++ % 2 == 0 ? "10.40.3.2:9080" : "10.40.3.3:9080"));
    }

    private void ratings() {
        String out = "outbound|9080||ratings.default.svc.cluster.local";
        repeat(10, 2, t -> ledger.add(REVIEWS_V2, t, RATINGS, "outbound", null, 200, null, "via_upstream", "-",
                duration(), "ratings:9080", out, "-", "10.40.4.4:9080"));
        repeat(2, 2, t -> ledger.add(REVIEWS_V2, t, RATINGS, "outbound", "circuit-breaker-overflow", 503, "UO",
                "upstream_reset_before_response_started{overflow}", "-", duration(), "ratings:9080", out, "-", null));
    }

    private void gateway() {
        repeat(6, 2, t -> ledger.add(GATEWAY, t, SHOP, "gateway", "no-route", 404, "NR", "route_not_found", "-",
                duration(), "shop.bookinfo.example", "-", "-", null));
    }

    private void extra(int n) {
        String service = "svc" + n + ".default";
        String out = "outbound|8080||svc" + n + ".default.svc.cluster.local";
        String host = "10.41." + n + ".7:8080";
        repeat(n + 2, n % 3, t -> ledger.add(PRODUCTPAGE, t, service, "outbound", null, 200, null, "via_upstream", "-",
                duration(), "svc" + n + ":8080", out, "-", host));
        repeat(n % 3, n % 3, t -> ledger.add(PRODUCTPAGE, t, service, "outbound", "upstream-keepalive-reset", 503, "UC",
                "upstream_reset_before_response_started{connection_termination}", "-", duration(), "svc" + n + ":8080",
                out, "-", host));
    }

    private long duration() {
        return 1 + random.nextInt(3000);
    }

    /** {@code count} requests in window {@code window}, at distinct times inside it. */
    private void repeat(int count, int window, java.util.function.LongConsumer request) {
        long span = ledger.windowMillis() - 100;
        for (int i = 0; i < count; i++) {
            request.accept(first + window * ledger.windowMillis() + 50 + (inWindow[window]++ * 131L) % span);
        }
    }
}
