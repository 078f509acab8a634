package dev.meshlens.schemas;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;

/** The records log shippers wrap access lines in, with the metadata they add, written for these tests. */
final class Envelopes {
    private Envelopes() {
    }

    /**
     * A Fluent Bit record as its Kafka output sends it: tail input with the CRI parser ({@code _p} is
     * {@code F} or {@code P}) and the kubernetes filter; the caller adds the line.
     */
    static ObjectNode fluentBit(String partialMark) {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        // Fluent Bit's default timestamp is epoch seconds as a double.
        record.put("@timestamp", new BigDecimal("1795341600.250"));
        record.put("time", "2026-11-22T10:00:00.250000001Z");
        record.put("stream", "stdout");
        record.put("_p", partialMark);
        ObjectNode kubernetes = record.putObject("kubernetes");
        kubernetes.put("pod_name", "productpage-v1-5c9d7b8f4-h2kxq");
        kubernetes.put("namespace_name", "bookinfo");
        kubernetes.put("pod_id", "6f0c2d1e-8a3b-4c5d-9e7f-1a2b3c4d5e6f");
        ObjectNode labels = kubernetes.putObject("labels");
        labels.put("app", "productpage");
        labels.put("version", "v1");
        labels.put("security.istio.io/tlsMode", "istio");
        kubernetes.putObject("annotations").put("sidecar.istio.io/status", "{\"containers\":[\"istio-proxy\"]}");
        kubernetes.put("host", "worker-1");
        kubernetes.put("container_name", "istio-proxy");
        return record;
    }

    /** A line of Docker's json-file log driver: the line with its newline, the stream and the time. */
    static ObjectNode dockerJsonFile(String line) {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put("log", line + "\n");
        record.put("stream", "stderr");
        record.put("time", "2026-11-22T10:00:04.000000000Z");
        return record;
    }

    /** A Filebeat record: the line in {@code message}, names nested as {@code {"name": ...}} objects. */
    static ObjectNode filebeat(String line) {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put("@timestamp", "2026-11-22T10:00:03.004Z");
        record.put("message", line);
        ObjectNode kubernetes = record.putObject("kubernetes");
        kubernetes.put("namespace", "payments");
        kubernetes.putObject("pod").put("name", "mysql-0").put("uid", "0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d");
        kubernetes.putObject("container").put("name", "istio-proxy");
        kubernetes.putObject("node").put("name", "worker-3");
        ObjectNode labels = kubernetes.putObject("labels");
        labels.put("app.kubernetes.io/name", "mysql");
        labels.put("app.kubernetes.io/version", "8.4");
        return record;
    }
}
