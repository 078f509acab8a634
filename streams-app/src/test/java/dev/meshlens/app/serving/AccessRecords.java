package dev.meshlens.app.serving;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Input records as a mesh writes them: Istio 1.9+ default-format access lines from the {@code istio-proxy}
 * container, wrapped the way Fluent Bit's tail input, kubernetes filter and kafka output wrap them (key = pod).
 */
public final class AccessRecords {
    /** {@code yyyy-MM-ddTHH:mm:ss.SSSZ}, the form the REST API uses for instants. */
    public static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private AccessRecords() {
    }

    public static String iso(long epochMillis) {
        return ISO_MILLIS.format(Instant.ofEpochMilli(epochMillis));
    }

    /** The sidecar that wrote a line. */
    public record Pod(String name, String app, String version, String namespace) {
        /** The Fluent Bit record of {@code line} from this pod, keyed by pod name. */
        public ProducerRecord<String, byte[]> record(String topic, Line line) {
            return new ProducerRecord<>(topic, name, fluentBit(line.text(), line.start));
        }

        private byte[] fluentBit(String line, long time) {
            ObjectNode record = Http.MAPPER.createObjectNode();
            record.put("@timestamp", time / 1000.0);
            record.put("time", iso(time));
            record.put("stream", "stdout");
            record.put("_p", "F");
            record.put("log", line);
            ObjectNode kubernetes = record.putObject("kubernetes");
            kubernetes.put("pod_name", name);
            kubernetes.put("namespace_name", namespace);
            kubernetes.put("container_name", "istio-proxy");
            ObjectNode labels = kubernetes.putObject("labels");
            labels.put("app", app);
            if (version != null) {
                labels.put("version", version);
            }
            return record.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    /** One access line; every field has a plausible default, the test sets those it checks. */
    public static final class Line {
        final long start;
        private String method = "GET";
        private String path = "/";
        private int code = 200;
        private String flags = "-";
        private String details = "via_upstream";
        private String failureReason = "-";
        private long received;
        private long sent = 100;
        private long duration = 5;
        private String requestId = "00000000-0000-4000-8000-000000000000";
        private String authority = "-";
        private String upstreamHost = "-";
        private String cluster = "-";
        private String downstreamRemote = "10.40.0.9:41234";
        private String serverName = "-";
        private String route = "default";

        public Line(long startMillis) {
            this.start = startMillis;
        }

        public Line path(String value) {
            path = value;
            return this;
        }

        public Line code(int value) {
            code = value;
            return this;
        }

        public Line flags(String value) {
            flags = value;
            return this;
        }

        public Line details(String value) {
            details = value;
            return this;
        }

        public Line failureReason(String value) {
            failureReason = value;
            return this;
        }

        public Line duration(long millis) {
            duration = millis;
            return this;
        }

        public Line requestId(String value) {
            requestId = value;
            return this;
        }

        public Line authority(String value) {
            authority = value;
            return this;
        }

        public Line upstreamHost(String value) {
            upstreamHost = value;
            return this;
        }

        public Line cluster(String value) {
            cluster = value;
            return this;
        }

        public Line serverName(String value) {
            serverName = value;
            return this;
        }

        /** {@code [START_TIME] "METHOD PATH PROTOCOL" CODE FLAGS DETAILS TERMINATION "REASON" ... ROUTE}. */
        public String text() {
            String upstreamTime = code >= 500 || code == 404 ? "-" : Long.toString(Math.max(0, duration - 1));
            return "[" + iso(start) + "] \"" + method + " " + path + " HTTP/1.1\" " + code + " " + flags + " " + details
                    + " - \"" + failureReason + "\" " + received + " " + sent + " " + duration + " " + upstreamTime
                    + " \"-\" \"curl/8.5.0\" \"" + requestId + "\" \"" + authority + "\" \"" + upstreamHost + "\" "
                    + cluster + " - 10.96.0.10:9080 " + downstreamRemote + " " + serverName + " " + route;
        }
    }
}
