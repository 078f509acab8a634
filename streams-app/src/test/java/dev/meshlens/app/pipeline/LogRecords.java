package dev.meshlens.app.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The input records of the pipeline tests, written by the tests: Istio access lines built field by field
 * (the 1.9+ text format, and the 1.3-1.8 one with its Mixer status), raw or inside the record Fluent Bit's
 * Kafka output sends ({@code @timestamp} in epoch seconds, {@code log}, {@code kubernetes} pod metadata).
 */
public final class LogRecords {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Envoy's default START_TIME: UTC, always with milliseconds. */
    private static final DateTimeFormatter START_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private LogRecords() {
    }

    /** Bookinfo's front end: the calling side of most requests in the tests. */
    public static final Pod PRODUCTPAGE = new Pod("productpage-v1-6b746f74dc-9stvs", "default", "productpage", "v1");
    /** A server: the side that writes inbound lines for {@code reviews.default}. */
    public static final Pod REVIEWS = new Pod("reviews-v2-5d8f7c9b6-x2x9z", "default", "reviews", "v2");

    /** The pod whose {@code istio-proxy} container wrote a line, as Fluent Bit's kubernetes filter names it. */
    public record Pod(String name, String namespace, String app, String version) {
        public String workload() {
            return app + "." + namespace;
        }
    }

    /** {@code line} as Fluent Bit sends it: one JSON record, {@code @timestamp} the time Fluent Bit read it. */
    public static String fluentBit(String line, Instant timestamp, Pod pod) {
        Map<String, Object> labels = new LinkedHashMap<>();
        labels.put("app", pod.app());
        labels.put("version", pod.version());
        labels.put("security.istio.io/tlsMode", "istio");
        Map<String, Object> kubernetes = new LinkedHashMap<>();
        kubernetes.put("pod_name", pod.name());
        kubernetes.put("namespace_name", pod.namespace());
        kubernetes.put("labels", labels);
        kubernetes.put("host", "node-1");
        kubernetes.put("container_name", "istio-proxy");
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("@timestamp", BigDecimal.valueOf(timestamp.toEpochMilli()).movePointLeft(3));
        record.put("time", START_TIME.format(timestamp));
        record.put("stream", "stdout");
        record.put("_p", "F");
        record.put("log", line);
        record.put("kubernetes", kubernetes);
        return json(record);
    }

    /** A Fluent Bit record that carries no access line: the {@code log} key is missing. */
    public static String fluentBitWithoutLog(Instant timestamp, Pod pod) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("@timestamp", BigDecimal.valueOf(timestamp.toEpochMilli()).movePointLeft(3));
        record.put("stream", "stdout");
        record.put("kubernetes", Map.of("pod_name", pod.name(), "namespace_name", pod.namespace()));
        return json(record);
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String json(Map<String, Object> record) {
        try {
            return JSON.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts a line written by a client's sidecar for a request to {@code host.namespace:port}. */
    public static AccessLine outbound(String host, String namespace, int port) {
        AccessLine line = egress(host + "." + namespace + ".svc.cluster.local", port);
        line.authority = host + ":" + port;
        return line;
    }

    /** Starts a line written by a client's sidecar for a request to a mesh-external host (a ServiceEntry). */
    public static AccessLine egress(String host, int port) {
        AccessLine line = new AccessLine();
        line.cluster = "outbound|" + port + "||" + host;
        line.authority = host + ":" + port;
        line.downstreamLocal = "10.96.0.10:" + port;
        line.route = "default";
        return line;
    }

    /** Starts a line written by the server's sidecar of {@code host.namespace}, reached over mTLS (SNI set). */
    public static AccessLine inbound(String host, String namespace, int port) {
        AccessLine line = new AccessLine();
        line.cluster = "inbound|" + port + "||";
        line.serverName = "outbound_." + port + "_._." + host + "." + namespace + ".svc.cluster.local";
        line.authority = host + ":" + port;
        line.upstreamLocal = "127.0.0.6:40000";
        line.downstreamLocal = "10.44.1.20:" + port;
        line.route = "default";
        return line;
    }

    /** Starts a line that never reached a cluster ({@code -}): refused before routing, or no route at all. */
    public static AccessLine unrouted(String authority) {
        AccessLine line = new AccessLine();
        line.authority = authority;
        return line;
    }

    /** One access line, field by field; {@code -} is Envoy's "absent". */
    public static final class AccessLine {
        private Instant start;
        private String method = "GET";
        private String path = "/";
        private String protocol = "HTTP/1.1";
        private int code = 200;
        private String flags = "-";
        private String details = "via_upstream";
        private String failureReason = "-";
        private String mixerStatus = "-";
        private long bytesReceived;
        private long bytesSent;
        private long duration;
        private String requestId = "-";
        private String authority = "-";
        private String upstreamHost = "-";
        private String cluster = "-";
        private String upstreamLocal = "-";
        private String downstreamLocal = "-";
        private String serverName = "-";
        private String route = "-";

        private AccessLine() {
        }

        public AccessLine copy() {
            AccessLine c = new AccessLine();
            c.start = start;
            c.method = method;
            c.path = path;
            c.protocol = protocol;
            c.code = code;
            c.flags = flags;
            c.details = details;
            c.failureReason = failureReason;
            c.mixerStatus = mixerStatus;
            c.bytesReceived = bytesReceived;
            c.bytesSent = bytesSent;
            c.duration = duration;
            c.requestId = requestId;
            c.authority = authority;
            c.upstreamHost = upstreamHost;
            c.cluster = cluster;
            c.upstreamLocal = upstreamLocal;
            c.downstreamLocal = downstreamLocal;
            c.serverName = serverName;
            c.route = route;
            return c;
        }

        /** START_TIME; {@code null} writes {@code -}, as a line without one. */
        public AccessLine at(Instant time) {
            start = time;
            return this;
        }

        public AccessLine request(String method, String path, String protocol) {
            this.method = method;
            this.path = path;
            this.protocol = protocol;
            return this;
        }

        /** A TCP connection: Envoy prints {@code "- - -"} for the HTTP operators. */
        public AccessLine tcp() {
            return request("-", "-", "-");
        }

        /** Response code, flags and RESPONSE_CODE_DETAILS. */
        public AccessLine response(int code, String flags, String details) {
            this.code = code;
            this.flags = flags;
            this.details = details;
            return this;
        }

        public AccessLine failureReason(String reason) {
            failureReason = reason;
            return this;
        }

        /** The Istio 1.1-1.5 Mixer policy status; only {@link #mixerText()} writes it. */
        public AccessLine mixerStatus(String status) {
            mixerStatus = status;
            return this;
        }

        public AccessLine bytes(long received, long sent) {
            bytesReceived = received;
            bytesSent = sent;
            return this;
        }

        public AccessLine duration(long millis) {
            duration = millis;
            return this;
        }

        public AccessLine requestId(String id) {
            requestId = id;
            return this;
        }

        public AccessLine upstreamHost(String host) {
            upstreamHost = host;
            return this;
        }

        public Instant start() {
            return start;
        }

        public long bytesReceived() {
            return bytesReceived;
        }

        public long bytesSent() {
            return bytesSent;
        }

        public long duration() {
            return duration;
        }

        public String requestId() {
            return requestId;
        }

        public String upstreamHost() {
            return upstreamHost;
        }

        public String route() {
            return route;
        }

        public String flags() {
            return flags;
        }

        /** Istio 1.9+'s default text format, with no CONNECTION_TERMINATION_DETAILS. */
        public String text() {
            return head() + details + " - \"" + failureReason + "\" " + tail();
        }

        /** Istio 1.3-1.8's default text format: the Mixer status where 1.9 has the two details fields. */
        public String mixerText() {
            return head() + '"' + mixerStatus + "\" \"" + failureReason + "\" " + tail();
        }

        private String head() {
            return "[" + (start == null ? "-" : START_TIME.format(start)) + "] \"" + method + ' ' + path + ' '
                    + protocol + "\" " + code + ' ' + flags + ' ';
        }

        private String tail() {
            return bytesReceived + " " + bytesSent + ' ' + duration + " - \"-\" \"curl/8.5.0\" \"" + requestId + "\" \""
                    + authority + "\" \"" + upstreamHost + "\" " + cluster + ' ' + upstreamLocal + ' ' + downstreamLocal
                    + " 10.44.1.9:51234 " + serverName + ' ' + route;
        }
    }
}
