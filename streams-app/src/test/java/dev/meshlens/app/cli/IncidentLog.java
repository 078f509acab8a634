package dev.meshlens.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A generated incident whose report is known by construction. Times are UTC on 2026-11-20; each service's
 * lines come in another format.
 * <ul>
 * <li>reviews.default, logged by productpage's sidecar (Fluent Bit records, app productpage): 20 good calls
 *     every 6 s from 10:00:00; 3 connections refused by 10.40.2.19:9080 at 10:00:10, :20 and :30; then a
 *     DestinationRule that disables mTLS makes a call fail TLS every 5 s from 10:01:00 to 10:01:55 (12),
 *     every third one to 10.40.2.18:9080 (4), the others to 10.40.2.17:9080 (8).</li>
 * <li>ratings.default, logged by reviews' sidecar (CRI text, no pod metadata): 6 good calls every 2 s from
 *     10:02:00, then 4 circuit-breaker overflows at 10:02:30 to :33.</li>
 * <li>ratings.default inbound (Istio JSON): 3 good requests at 10:01:10, :20 and :30, and 2 upstream protocol
 *     errors from 10.40.3.7:9080 at 10:02:40 and 10:03:05.</li>
 * <li>shop.example.com at the ingress gateway (Fluent Bit records, app istio-ingressgateway in
 *     istio-system): 2 requests for a host no VirtualService routes, at 10:00:50 and 10:02:50.</li>
 * <li>details.default inbound (Istio 1.3 text): 5 good requests every 20 s from 10:00:05, and 1 reset of a
 *     kept-alive connection to 10.40.4.4:9080 at 10:00:45.</li>
 * <li>productpage.default, reached by its cluster-local name (Envoy's default text in Docker json-file
 *     records: no cluster, so no direction): 8 good requests every 15 s from 10:00:00.</li>
 * </ul>
 * The file is in time order, so the sample request id of each cause is its earliest.
 */
final class IncidentLog {
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private static final String TLS_FAILURE = "TLS_error:_268435581:SSL_routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED";
    private static final String PRODUCTPAGE_POD = "productpage-v1-6b746f74dc-9stvs";
    private static final Map<String, String> PRODUCTPAGE = Map.of("app", "productpage", "version", "v1");
    private static final String INGRESS_POD = "istio-ingressgateway-7d9f8c6b5-x2x7q";
    private static final Map<String, String> INGRESS = Map.of("app", "istio-ingressgateway", "istio", "ingressgateway");

    private record Line(Instant at, String text) {
    }

    private final List<Line> lines = new ArrayList<>();

    private IncidentLog() {
    }

    static Path write(Path dir) throws IOException {
        IncidentLog log = new IncidentLog();
        log.reviewsSeenByProductpage();
        log.ratingsSeenByReviews();
        log.ratingsInbound();
        log.shopAtTheGateway();
        log.detailsInbound();
        log.productpageByName();
        log.lines.sort(Comparator.comparing(Line::at));
        Path file = dir.resolve("incident.log");
        Files.write(file, log.lines.stream().map(Line::text).toList());
        return file;
    }

    private void reviewsSeenByProductpage() {
        for (int i = 0; i < 20; i++) {
            reviews(at(6 * i), 200, "-", "via_upstream", "-", "10.40.2.17:9080", "a-ok-%02d".formatted(i));
        }
        for (int i = 0; i < 3; i++) {
            reviews(at(10 + 10 * i), 503, "UF", "upstream_reset_before_response_started{connection_failure,"
                    + "delayed_connect_error:_111}", "delayed_connect_error:_111", "10.40.2.19:9080", "refused-" + i);
        }
        for (int i = 0; i < 12; i++) {
            reviews(at(60 + 5 * i), 503, "UF", "upstream_reset_before_response_started{connection_failure,"
                    + TLS_FAILURE + "}", TLS_FAILURE, i % 3 == 2 ? "10.40.2.18:9080" : "10.40.2.17:9080",
                    "mtls-%02d".formatted(i));
        }
    }

    private void reviews(Instant at, int code, String flags, String details, String reason, String host, String id) {
        Call call = new Call(at, code, flags, details, reason, "reviews:9080", host,
                "outbound|9080||reviews.default.svc.cluster.local", "-", "default", id);
        add(at, call.fluentBit(PRODUCTPAGE_POD, "default", PRODUCTPAGE));
    }

    private void ratingsSeenByReviews() {
        for (int i = 0; i < 10; i++) {
            boolean overflow = i >= 6;
            Instant at = overflow ? at(150 + i - 6) : at(120 + 2 * i);
            Call call = new Call(at, overflow ? 503 : 200, overflow ? "UO" : "-",
                    overflow ? "upstream_reset_before_response_started{overflow}" : "via_upstream", "-", "ratings:9080",
                    overflow ? "-" : "10.40.3.7:9080", "outbound|9080||ratings.default.svc.cluster.local", "-",
                    "default", (overflow ? "uo-" + (i - 6) : "b-ok-" + i));
            add(at, call.cri());
        }
    }

    private void ratingsInbound() {
        int[] seconds = {70, 80, 90, 160, 185};
        for (int i = 0; i < seconds.length; i++) {
            boolean failed = i >= 3;
            Call call = new Call(at(seconds[i]), failed ? 502 : 200, failed ? "UPE" : "-",
                    failed ? "upstream_reset_before_response_started{protocol_error}" : "via_upstream", "-",
                    "ratings:9080", "10.40.3.7:9080", "inbound|9080||",
                    "outbound_.9080_._.ratings.default.svc.cluster.local", "default",
                    failed ? "upe-" + (i - 3) : "c-ok-" + i);
            add(call.start(), call.istioJson());
        }
    }

    private void shopAtTheGateway() {
        int[] seconds = {50, 170};
        for (int i = 0; i < seconds.length; i++) {
            Call call = new Call(at(seconds[i]), 404, "NR", "route_not_found", "-", "shop.example.com", "-", "-", "-",
                    "-", "nr-" + i);
            add(call.start(), call.fluentBit(INGRESS_POD, "istio-system", INGRESS));
        }
    }

    private void detailsInbound() {
        for (int i = 0; i < 6; i++) {
            boolean reset = i == 5;
            Instant at = reset ? at(45) : at(5 + 20 * i);
            Call call = new Call(at, reset ? 503 : 200, reset ? "UC" : "-", "-", "-", "details:9080",
                    reset ? "10.40.4.4:9080" : "10.40.4.5:9080", "inbound|9080|http|details.default.svc.cluster.local",
                    "outbound_.9080_._.details.default.svc.cluster.local", "default", reset ? "uc-0" : "d-ok-" + i);
            add(at, call.istio13());
        }
    }

    private void productpageByName() {
        for (int i = 0; i < 8; i++) {
            Call call = new Call(at(15 * i), 200, "-", "-", "-", "productpage.default.svc.cluster.local:9080",
                    "10.40.0.5:9080", "-", "-", "-", "e-ok-" + i);
            add(call.start(), call.dockerJson());
        }
    }

    private void add(Instant at, String text) {
        lines.add(new Line(at, text));
    }

    private static Instant at(int secondsAfterTen) {
        return T0.plusSeconds(secondsAfterTen);
    }
}
