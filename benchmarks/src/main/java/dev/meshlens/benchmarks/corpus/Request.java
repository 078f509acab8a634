package dev.meshlens.benchmarks.corpus;

/**
 * One request as one sidecar logged it: the values every renderer writes, in Istio's field order. Absent
 * values are null (Envoy prints {@code -}, Istio's typed JSON prints {@code null}); absent numbers are -1.
 */
public record Request(
        long startMillis,
        String method,
        String path,
        String protocol,
        int responseCode,
        String responseFlags,
        String responseCodeDetails,
        String connectionTerminationDetails,
        String upstreamTransportFailureReason,
        long bytesReceived,
        long bytesSent,
        long duration,
        long upstreamServiceTime,
        String forwardedFor,
        String userAgent,
        String requestId,
        String authority,
        String upstreamHost,
        String upstreamCluster,
        String upstreamLocalAddress,
        String downstreamLocalAddress,
        String downstreamRemoteAddress,
        String requestedServerName,
        String routeName,
        Workload sidecar) {
}
