package dev.meshlens.benchmarks.rig;

import dev.meshlens.diagnosis.Cause;
import dev.meshlens.parser.event.IsoTime;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Fluent Bit Kafka records (CRI tail, kubernetes filter, {@code Format json}, pod name as key) of outbound
 * calls from a {@code frontend} sidecar to services named {@code <prefix>-N.default}, each either a 200 or
 * one of {@link #FAILURES}: the shape the demo's traffic has, with the service and cause chosen by the caller
 * so that a benchmark controls how many distinct (service, cause) keys the pipeline holds.
 */
public final class SyntheticMesh {
    /** A failure as Envoy logs it, and the cause MeshLens's built-in rules name for it. */
    public record Failure(int code, String flags, String details, boolean reachedHost, Cause cause) {
    }

    /** Ten failures with ten distinct causes under the built-in cause rules. */
    public static final List<Failure> FAILURES = List.of(
            new Failure(503, "UH", "no_healthy_upstream", false, Cause.NO_HEALTHY_UPSTREAM),
            new Failure(503, "UO", "upstream_reset_before_response_started{overflow}", false, Cause.CIRCUIT_BREAKER_OVERFLOW),
            new Failure(503, "UC", "upstream_reset_before_response_started{connection_termination}", true,
                    Cause.UPSTREAM_KEEPALIVE_RESET),
            new Failure(503, "UF", "upstream_reset_before_response_started{connection_failure}", true,
                    Cause.CONNECTION_REFUSED),
            new Failure(504, "UT", "response_timeout", true, Cause.UPSTREAM_TIMEOUT),
            new Failure(504, "SI", "stream_idle_timeout", true, Cause.STREAM_IDLE_TIMEOUT),
            new Failure(502, "UPE", "upstream_reset_before_response_started{protocol_error}", true,
                    Cause.UPSTREAM_PROTOCOL_ERROR),
            new Failure(429, "RL", "request_rate_limited", false, Cause.RATE_LIMITED),
            new Failure(503, "UR", "upstream_reset_after_response_started{remote_reset}", true, Cause.UPSTREAM_RESET),
            new Failure(503, "DF", "dns_resolution_failure", false, Cause.DNS_FAILURE));

    private static final String POD = "frontend-v1-5d8f7c9b6-q7x2z";
    private static final byte[] KEY = POD.getBytes(StandardCharsets.UTF_8);

    private final String prefix;
    private long sequence;

    /** Services are named {@code prefix-N.default}. */
    public SyntheticMesh(String prefix) {
        this.prefix = prefix;
    }

    /** The service name MeshLens reports for service number {@code index}. */
    public String service(int index) {
        return prefix + '-' + index + ".default";
    }

    /** The record key: the sending pod, as Fluent Bit's kafka output lifts it. */
    public byte[] key() {
        return KEY;
    }

    /** A successful call to service {@code index} that started at {@code startMillis}. */
    public byte[] ok(int index, long startMillis) {
        return record(index, startMillis, 200, "-", "via_upstream", true);
    }

    /** A call to service {@code index} that failed as {@code failure} says. */
    public byte[] failed(int index, Failure failure, long startMillis) {
        return record(index, startMillis, failure.code(), failure.flags(), failure.details(), failure.reachedHost());
    }

    private byte[] record(int index, long startMillis, int code, String flags, String details, boolean reachedHost) {
        String host = prefix + '-' + index;
        String upstream = reachedHost ? "10.44." + (index / 250 % 250) + '.' + (index % 250 + 1) + ":9080" : "-";
        String time = IsoTime.toString(startMillis);
        String requestId = Long.toHexString(++sequence | 0x1000_0000_0000L);
        // A JSON string as is: the line holds no character JSON would escape other than the quotes.
        String line = "[" + time + "] \\\"GET /api/v1/items HTTP/1.1\\\" " + code + ' ' + flags + ' ' + details
                + " - \\\"-\\\" 0 " + (code == 200 ? 1830 : 91) + " 7 " + (code == 200 ? "6" : "-")
                + " \\\"-\\\" \\\"Go-http-client/1.1\\\" \\\"" + requestId + "\\\" \\\"" + host + ":9080\\\" \\\""
                + upstream + "\\\" outbound|9080||" + host + ".default.svc.cluster.local - 10.96.0.1:9080 "
                + "10.44.1.23:51544 - default";
        String record = "{\"@timestamp\":" + startMillis / 1000 + '.' + String.format("%03d", startMillis % 1000)
                + ",\"time\":\"" + time + "\",\"stream\":\"stdout\",\"_p\":\"F\",\"log\":\"" + line
                + "\",\"kubernetes\":{\"pod_name\":\"" + POD + "\",\"namespace_name\":\"default\","
                + "\"container_name\":\"istio-proxy\",\"labels\":{\"app\":\"frontend\",\"version\":\"v1\"}}}";
        return record.getBytes(StandardCharsets.UTF_8);
    }
}
