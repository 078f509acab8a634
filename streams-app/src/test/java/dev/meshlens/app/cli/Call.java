package dev.meshlens.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP request as a sidecar logged it, written out in each format and envelope MeshLens reads: Istio 1.9+
 * and Mixer-era 1.3 text, Envoy's default text, Istio's JSON encoding, and those inside CRI, Docker json-file
 * and Fluent Bit Kafka records. {@code -} marks an empty field, as Envoy writes it.
 */
record Call(Instant start, int code, String flags, String details, String failureReason, String authority,
        String upstreamHost, String cluster, String serverName, String route, String requestId) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter ENVOY_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final String REQUEST = "GET /api/v1/items HTTP/1.1";

    String startTime() {
        return ENVOY_TIME.format(start);
    }

    String istio19() {
        return String.format("[%s] \"%s\" %d %s %s - \"%s\" 0 120 4 3 \"-\" \"okhttp/4.12.0\" \"%s\" \"%s\" \"%s\" %s "
                + "10.40.1.9:51234 10.96.18.4:9080 10.40.1.9:40124 %s %s", startTime(), REQUEST, code, flags, details,
                failureReason, requestId, authority, upstreamHost, cluster, serverName, route);
    }

    /** Istio 1.3 to 1.8: the Mixer policy status (here unset) where 1.9 has the code details. */
    String istio13() {
        return String.format("[%s] \"%s\" %d %s \"-\" \"%s\" 0 120 4 3 \"-\" \"okhttp/4.12.0\" \"%s\" \"%s\" \"%s\" %s "
                + "10.40.1.9:51234 10.96.18.4:9080 10.40.1.9:40124 %s %s", startTime(), REQUEST, code, flags,
                failureReason, requestId, authority, upstreamHost, cluster, serverName, route);
    }

    String envoyDefault() {
        return String.format("[%s] \"%s\" %d %s 0 120 4 3 \"-\" \"okhttp/4.12.0\" \"%s\" \"%s\" \"%s\"", startTime(),
                REQUEST, code, flags, requestId, authority, upstreamHost);
    }

    /** {@code meshConfig.accessLogEncoding: JSON} (Istio 1.9+ keys; unset values are null). */
    String istioJson() {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("start_time", startTime());
        line.put("method", "GET");
        line.put("path", "/api/v1/items");
        line.put("protocol", "HTTP/1.1");
        line.put("response_code", code);
        line.put("response_flags", flags);
        line.put("response_code_details", orNull(details));
        line.put("upstream_transport_failure_reason", orNull(failureReason));
        line.put("request_id", orNull(requestId));
        line.put("authority", orNull(authority));
        line.put("upstream_host", orNull(upstreamHost));
        line.put("upstream_cluster", orNull(cluster));
        line.put("requested_server_name", orNull(serverName));
        line.put("route_name", orNull(route));
        return json(line);
    }

    /** Istio 1.9+ text as containerd writes it to the node's log file. */
    String cri() {
        return ENVOY_TIME.format(start.plusMillis(1)) + " stdout F " + istio19();
    }

    /** Envoy's default text as Docker's json-file driver writes it. */
    String dockerJson() {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("log", envoyDefault() + "\n");
        record.put("stream", "stdout");
        record.put("time", ENVOY_TIME.format(start.plusMillis(1)));
        return json(record);
    }

    /** Istio 1.9+ text in the Kafka record Fluent Bit makes of it, from a pod with these labels. */
    String fluentBit(String pod, String namespace, Map<String, String> labels) {
        Map<String, Object> kubernetes = new LinkedHashMap<>();
        kubernetes.put("pod_name", pod);
        kubernetes.put("namespace_name", namespace);
        kubernetes.put("labels", new TreeMap<>(labels));
        kubernetes.put("container_name", "istio-proxy");
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("@timestamp", BigDecimal.valueOf(start.plusMillis(1).toEpochMilli(), 3));
        record.put("stream", "stdout");
        record.put("_p", "F");
        record.put("log", istio19());
        record.put("kubernetes", kubernetes);
        return json(record);
    }

    private static Object orNull(String value) {
        return value.equals("-") ? null : value;
    }

    private static String json(Map<String, Object> value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
