package dev.meshlens.benchmarks.corpus;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The Kafka record Fluent Bit sends for one access line (tail input with the CRI parser, kubernetes filter,
 * kafka output with {@code Format json}): {@code @timestamp} as epoch seconds, the CRI keys, the Istio 1.9
 * line JSON-escaped in {@code log}, and the pod's metadata with its labels and annotations.
 */
public final class FluentBitRecord {
    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter CRI_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final String SIDECAR_STATUS = "{\"initContainers\":[\"istio-init\"],\"containers\":[\"istio-proxy\"],"
            + "\"volumes\":[\"workload-socket\",\"credential-socket\",\"workload-certs\",\"istio-envoy\",\"istio-data\","
            + "\"istio-podinfo\",\"istio-token\",\"istiod-ca-cert\"],\"imagePullSecrets\":null,\"revision\":\"default\"}";

    private FluentBitRecord() {
    }

    public static String render(Request r) {
        Workload pod = r.sidecar();
        long loggedNanos = loggedNanos(r);
        StringWriter text = new StringWriter(2048);
        try (JsonGenerator out = JSON.createGenerator(text)) {
            out.writeStartObject();
            out.writeFieldName("@timestamp");
            out.writeNumber(String.format("%d.%06d", loggedNanos / 1_000_000_000L, loggedNanos / 1_000 % 1_000_000));
            out.writeStringField("time", criTime(r));
            out.writeStringField("stream", "stdout");
            out.writeStringField("_p", "F");
            out.writeStringField("log", IstioTextLine.render(r));
            out.writeObjectFieldStart("kubernetes");
            out.writeStringField("pod_name", pod.pod());
            out.writeStringField("namespace_name", Workload.NAMESPACE);
            out.writeStringField("pod_id", UUID.nameUUIDFromBytes(pod.pod().getBytes(StandardCharsets.UTF_8)).toString());
            out.writeObjectFieldStart("labels");
            out.writeStringField("app", pod.app());
            out.writeStringField("security.istio.io/tlsMode", "istio");
            out.writeStringField("service.istio.io/canonical-name", pod.app());
            out.writeStringField("service.istio.io/canonical-revision", pod.version());
            out.writeStringField("version", pod.version());
            out.writeEndObject();
            out.writeObjectFieldStart("annotations");
            out.writeStringField("istio.io/rev", "default");
            out.writeStringField("kubectl.kubernetes.io/default-container", pod.app());
            out.writeStringField("sidecar.istio.io/status", SIDECAR_STATUS);
            out.writeEndObject();
            out.writeStringField("host", pod.node());
            out.writeStringField("pod_ip", pod.podIp());
            out.writeStringField("container_name", "istio-proxy");
            out.writeStringField("docker_id", containerId(pod.pod()));
            out.writeStringField("container_hash", "docker.io/istio/proxyv2@sha256:" + containerId("proxyv2"));
            out.writeStringField("container_image", "docker.io/istio/proxyv2:1.24.0");
            out.writeEndObject();
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** The runtime stamps the line when Envoy writes it, at the end of the request. */
    private static long loggedNanos(Request r) {
        return (r.startMillis() + r.duration()) * 1_000_000L + Math.floorMod(r.requestId().hashCode(), 1_000_000);
    }

    /** The CRI log time of the line, nanoseconds in UTC as containerd writes them. */
    static String criTime(Request r) {
        return CRI_TIME.format(Instant.ofEpochSecond(0, loggedNanos(r)));
    }

    /** A stable 64-hex-digit id per name, shaped like containerd's. */
    private static String containerId(String name) {
        long state = name.hashCode();
        StringBuilder id = new StringBuilder(64);
        for (int i = 0; i < 4; i++) {
            state = state * 6_364_136_223_846_793_005L + 1_442_695_040_888_963_407L;
            id.append(HexFormat.of().toHexDigits(state));
        }
        return id.toString();
    }
}
