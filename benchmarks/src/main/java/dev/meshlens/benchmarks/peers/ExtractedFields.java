package dev.meshlens.benchmarks.peers;

/**
 * What every peer pulls out of a line: the fields MeshLens needs to name a failure cause. One instance is
 * refilled line after line, so the holder itself costs the peers nothing. Absent text is null, absent numbers -1.
 */
public final class ExtractedFields {
    private int responseCode;
    private String responseFlags;
    private long duration;
    private String upstreamCluster;
    private String pod;
    private String namespace;

    void clear() {
        responseCode = -1;
        responseFlags = null;
        duration = -1;
        upstreamCluster = null;
        pod = null;
        namespace = null;
    }

    void access(int responseCode, String responseFlags, long duration, String upstreamCluster) {
        this.responseCode = responseCode;
        this.responseFlags = responseFlags;
        this.duration = duration;
        this.upstreamCluster = upstreamCluster;
    }

    void kubernetes(String pod, String namespace) {
        this.pod = pod;
        this.namespace = namespace;
    }

    public int responseCode() {
        return responseCode;
    }

    /** As written ({@code UF,URX}), or null for none. */
    public String responseFlags() {
        return responseFlags;
    }

    public long duration() {
        return duration;
    }

    public String upstreamCluster() {
        return upstreamCluster;
    }

    public String pod() {
        return pod;
    }

    public String namespace() {
        return namespace;
    }

    /** Envoy's {@code -} (and a missing value) as null. */
    static String text(String value) {
        return value == null || value.equals("-") ? null : value;
    }

    /** Envoy's {@code -} (and a missing value) as -1. */
    static long number(String value) {
        return text(value) == null ? -1 : Long.parseLong(value);
    }
}
