package dev.meshlens.benchmarks.corpus;

/** The pod whose {@code istio-proxy} sidecar wrote a line, as Fluent Bit's kubernetes filter describes it. */
public record Workload(String app, String version, String pod, String podIp, String node) {
    public static final String NAMESPACE = "default";
}
