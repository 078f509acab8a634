package dev.meshlens.app.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Access lines in Istio 1.9+'s default text format, and record values shaped as Fluent Bit's kafka output
 * sends them with {@code Format json}: the CRI parser's keys and the kubernetes filter's pod metadata around
 * the line in {@code log}.
 */
final class FluentBitRecords {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter ENVOY_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CRI_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private FluentBitRecords() {
    }

    /** One line as the sidecar of {@code hop} writes it for a request that started at {@code startMillis}. */
    static String accessLine(Hop hop, Outcome outcome, long startMillis, String requestId) {
        return "[" + ENVOY_TIME.format(Instant.ofEpochMilli(startMillis)) + "] \"GET /api/v1/items/42 HTTP/1.1\" "
                + outcome.code + ' ' + outcome.flags + ' ' + outcome.details + " - \"" + outcome.failureReason + "\" "
                + "0 " + (outcome.code == 200 ? 1830 : 91) + " 7 - \"-\" \"Go-http-client/1.1\" \"" + requestId + "\" \""
                + hop.authority + "\" \"" + hop.upstreamHost + "\" " + hop.cluster + " - 10.96.41.7:9080 "
                + "10.44.1.23:51544 " + hop.serverName + " default";
    }

    /**
     * The Kafka record value for {@code line}, read from {@code pod}'s istio-proxy container and shipped at
     * {@code shippedMillis} (the envelope's {@code @timestamp}, epoch seconds as a double).
     */
    static byte[] value(String line, Hop.Workload workload, String pod, long shippedMillis) {
        ObjectNode record = JSON.createObjectNode();
        record.put("@timestamp", shippedMillis / 1000.0);
        record.put("time", CRI_TIME.format(Instant.ofEpochMilli(shippedMillis)));
        record.put("stream", "stdout");
        record.put("_p", "F");
        record.put("log", line);
        record.set("kubernetes", kubernetes(workload, pod));
        try {
            return JSON.writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The kubernetes filter's metadata, without {@code log}: a record no access line can be read from. */
    static byte[] valueWithoutLog(Hop.Workload workload, String pod, long shippedMillis) {
        ObjectNode record = JSON.createObjectNode();
        record.put("@timestamp", shippedMillis / 1000.0);
        record.put("stream", "stdout");
        record.set("kubernetes", kubernetes(workload, pod));
        return record.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode kubernetes(Hop.Workload workload, String pod) {
        ObjectNode kubernetes = JSON.createObjectNode();
        kubernetes.put("pod_name", pod);
        kubernetes.put("namespace_name", workload.namespace);
        kubernetes.put("pod_id", "3f1c2a4e-0b6d-4e8a-9c11-" + String.format("%012x", pod.hashCode() & 0xffffffffL));
        ObjectNode labels = kubernetes.putObject("labels");
        labels.put("app", workload.app);
        labels.put("version", workload.version);
        labels.put("security.istio.io/tlsMode", "istio");
        labels.put("service.istio.io/canonical-name", workload.app);
        labels.put("service.istio.io/canonical-revision", workload.version);
        kubernetes.putObject("annotations").put("sidecar.istio.io/status",
                "{\"initContainers\":[\"istio-init\"],\"containers\":[\"istio-proxy\"]}");
        kubernetes.put("host", "worker-2");
        kubernetes.put("pod_ip", "10.44.1.23");
        kubernetes.put("container_name", "istio-proxy");
        kubernetes.put("container_image", "docker.io/istio/proxyv2:1.24.0");
        return kubernetes;
    }
}
