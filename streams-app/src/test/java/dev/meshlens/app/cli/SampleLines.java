package dev.meshlens.app.cli;

/**
 * Access lines written for these tests, one per format {@code meshlens parse} detects, with the values the
 * tests expect spelled out next to them. Built from the preset format strings, not captured from a run.
 */
public final class SampleLines {
    private SampleLines() {
    }

    /** Istio 1.9+: 503, {@code UF}, outbound to {@code orders}. */
    public static final String ISTIO_1_9 = "[2026-03-14T08:15:31.500Z] \"GET /api/orders/7 HTTP/1.1\" 503 UF "
            + "upstream_reset_before_response_started{connection_failure} - \"delayed_connect_error:_111\" "
            + "0 91 5 - \"-\" \"Go-http-client/1.1\" \"5e0c3f9a-1b2d-4c6e-8f10-000000000001\" \"orders:8080\" "
            + "\"10.1.7.7:8080\" outbound|8080|v1|orders.shop.svc.cluster.local - 10.96.0.20:8080 "
            + "10.1.4.5:52000 - default";
    public static final String ISTIO_1_9_PATH = "/api/orders/7";

    /** Istio 1.3 to 1.8 (Mixer status, failure reason, route name): 503, {@code UO}, outbound to {@code cart}. */
    public static final String ISTIO_1_3 = "[2026-03-14T08:15:32.250Z] \"POST /api/cart HTTP/2\" 503 UO \"-\" \"-\" "
            + "120 81 2 - \"-\" \"okhttp/4.12.0\" \"5e0c3f9a-1b2d-4c6e-8f10-000000000002\" \"cart:8080\" \"-\" "
            + "outbound|8080||cart.shop.svc.cluster.local - 10.96.0.21:8080 10.1.4.5:51000 - default";
    public static final String ISTIO_1_3_PATH = "/api/cart";

    /** Envoy's default format: a 200 health probe, no flags. */
    public static final String ENVOY = "[2026-03-14T08:15:33.000Z] \"GET /healthz/ready HTTP/1.1\" 200 - "
            + "0 2 1 1 \"-\" \"kube-probe/1.29\" \"5e0c3f9a-1b2d-4c6e-8f10-000000000003\" \"10.1.4.5:15021\" "
            + "\"127.0.0.1:15020\"";
    public static final String ENVOY_PATH = "/healthz/ready";

    /** Istio's JSON encoding: 404, {@code NR}. */
    public static final String JSON = "{\"start_time\":\"2026-03-14T08:15:34.000Z\",\"method\":\"DELETE\","
            + "\"path\":\"/api/session\",\"protocol\":\"HTTP/1.1\",\"response_code\":404,\"response_flags\":\"NR\","
            + "\"response_code_details\":\"route_not_found\",\"bytes_received\":0,\"bytes_sent\":0,\"duration\":0,"
            + "\"authority\":\"shop.example.org\",\"upstream_cluster\":null}";
    public static final String JSON_PATH = "/api/session";

    /** An Istio 1.9+ line as the container runtime stores it (CRI prefix, stderr): 503, {@code UH}. */
    public static final String CRI_ISTIO_1_9 = "2026-03-14T08:15:35.000000001Z stderr F "
            + "[2026-03-14T08:15:35.000Z] \"GET /api/stock HTTP/1.1\" 503 UH no_healthy_upstream - \"-\" "
            + "0 19 0 - \"-\" \"curl/8.5.0\" \"5e0c3f9a-1b2d-4c6e-8f10-000000000004\" \"stock:8080\" \"-\" "
            + "outbound|8080||stock.shop.svc.cluster.local - 10.96.0.22:8080 10.1.4.5:53000 - default";
    public static final String CRI_ISTIO_1_9_PATH = "/api/stock";

    /** Cut after the response code details: still worth reporting, as a partial event (504, {@code UT}). */
    public static final String CUT_AFTER_FLAGS =
            "[2026-03-14T08:15:36.000Z] \"GET /api/pay HTTP/1.1\" 504 UT response_timeout";

    /** Cut before the response code: nothing to report. */
    public static final String CUT_BEFORE_CODE = "[2026-03-14T08:15:37.000Z] \"GET /api/pay HTTP/1.1\"";

    public static final String GARBAGE = "panic: runtime error: invalid memory address or nil pointer dereference";

    /** An Istio 1.9+ line whose path alone is longer than any other sample line. */
    public static String longIstioLine(int pathLength) {
        return ISTIO_1_9.replace(ISTIO_1_9_PATH, "/" + "x".repeat(pathLength - 1));
    }
}
