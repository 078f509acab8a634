package dev.meshlens.diagnosis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes access lines the way an Istio sidecar does, one field at a time, so that each test line says only
 * what it is about and the rest is an ordinary successful outbound call from productpage to reviews.
 * Layouts: Istio 1.9+ ({@link #text()}), and the Mixer-era 1.1 ({@link #istio11Text()}) and 1.3 to 1.8
 * ({@link #istio13Text()}) with their policy status.
 */
final class IstioLine {
    private static final ObjectMapper JSON = new ObjectMapper();

    private String request = "GET /reviews/0 HTTP/1.1";
    private String code = "200";
    private String flags = "-";
    private String details = "via_upstream";
    private String failureReason = "-";
    private String policyStatus = "-";
    private String authority = "reviews:9080";
    private String upstreamHost = "10.40.2.17:9080";
    private String cluster = "outbound|9080||reviews.default.svc.cluster.local";
    private String serverName = "-";
    private String route = "default";

    static IstioLine line() {
        return new IstioLine();
    }

    /** A failure Envoy answered itself: nothing reached an upstream host. */
    static IstioLine localReply(int code, String flags, String details) {
        return line().code(code).flags(flags).details(details).upstreamHost("-");
    }

    /** A TCP-proxy line: no method, path, code details or authority. */
    static IstioLine tcp(String flags) {
        return line().request("- - -").code(0).flags(flags).details("-").authority("-").route("-");
    }

    IstioLine request(String methodPathProtocol) {
        request = methodPathProtocol;
        return this;
    }

    IstioLine code(int responseCode) {
        code = Integer.toString(responseCode);
        return this;
    }

    IstioLine flags(String responseFlags) {
        flags = responseFlags;
        return this;
    }

    /** {@code %RESPONSE_CODE_DETAILS%}: Envoy writes spaces in it as underscores. */
    IstioLine details(String responseCodeDetails) {
        details = responseCodeDetails;
        return this;
    }

    /** The quoted {@code %UPSTREAM_TRANSPORT_FAILURE_REASON%}, which may hold spaces. */
    IstioLine failureReason(String reason) {
        failureReason = reason;
        return this;
    }

    IstioLine policyStatus(String mixerStatus) {
        policyStatus = mixerStatus;
        return this;
    }

    IstioLine authority(String value) {
        authority = value;
        return this;
    }

    IstioLine upstreamHost(String value) {
        upstreamHost = value;
        return this;
    }

    IstioLine cluster(String value) {
        cluster = value;
        return this;
    }

    IstioLine serverName(String value) {
        serverName = value;
        return this;
    }

    IstioLine route(String value) {
        route = value;
        return this;
    }

    String text() {
        return String.format("[2026-11-20T10:42:01.220Z] \"%s\" %s %s %s - \"%s\" 0 190 3 - \"-\" \"curl/8.5.0\" "
                + "\"6f1c0e2a-5b7d-4b7e-9a3c-0a1b2c3d4e02\" \"%s\" \"%s\" %s 10.40.1.9:51234 10.96.18.4:9080 "
                + "10.40.1.9:40124 %s %s", request, code, flags, details, failureReason, authority, upstreamHost,
                cluster, serverName, route);
    }

    String istio13Text() {
        return String.format("[2019-09-03T20:57:49.103Z] \"%s\" %s %s \"%s\" \"%s\" 0 81 0 - \"-\" \"curl/7.64.0\" "
                + "\"ea379962-9b5c-4431-ab66-f01994f5a5a5\" \"%s\" \"%s\" %s - 10.96.18.4:9080 10.40.1.9:50482 %s %s",
                request, code, flags, policyStatus, failureReason, authority, upstreamHost, cluster, serverName, route);
    }

    String istio11Text() {
        return String.format("[2019-03-06T09:31:27.354Z] \"%s\" %s %s \"%s\" 0 81 0 - \"-\" \"curl/7.60.0\" "
                + "\"d209e46f-9ed5-9b61-bbdd-43e22662702a\" \"%s\" \"%s\" %s - 10.96.18.4:9080 10.40.1.9:60290 %s",
                request, code, flags, policyStatus, authority, upstreamHost, cluster, serverName);
    }

    /**
     * The Kafka record Fluent Bit makes of this line (CRI tail, kubernetes filter, kafka output), from a pod
     * with these labels.
     */
    String fluentBitRecord(String pod, String namespace, Map<String, String> labels) {
        ObjectNode record = JSON.createObjectNode().put("@timestamp", new BigDecimal("1795170121.220"))
                .put("time", "2026-11-20T10:42:01.220000001Z").put("stream", "stdout").put("_p", "F").put("log", text());
        ObjectNode kubernetes = record.putObject("kubernetes").put("pod_name", pod).put("namespace_name", namespace);
        new TreeMap<>(labels).forEach(kubernetes.putObject("labels")::put);
        kubernetes.put("container_name", "istio-proxy");
        return record.toString();
    }
}
