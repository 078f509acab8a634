package dev.meshlens.parser.lines;

/**
 * An upstream cluster name as Envoy prints it, with the parts it was built from (null or -1 where the name has
 * no such part), so a test knows what the parser must split out of it.
 */
public record Cluster(String printed, String direction, int port, String subset, String host) {
    public static final Cluster ABSENT = new Cluster(null, null, -1, null, null);

    /** {@code outbound|9080|v1|reviews.default.svc.cluster.local}; an empty subset is written as nothing. */
    public static Cluster pipes(String direction, int port, String subset, String host) {
        return new Cluster(direction + "|" + port + "|" + subset + "|" + host, direction, port,
                emptyToNull(subset), emptyToNull(host));
    }

    /** Istio's {@code alt_stat_name}: {@code outbound_.9080_.v1_.reviews...}, sometimes ending with {@code ;}. */
    public static Cluster sni(String direction, int port, String subset, String host, boolean semicolon) {
        String name = direction + "_." + port + "_." + subset + "_." + host + (semicolon ? ";" : "");
        return new Cluster(name, direction, port, emptyToNull(subset), host);
    }

    /** A name with no parts: PassthroughCluster, BlackHoleCluster, a plain Envoy cluster. */
    public static Cluster opaque(String name) {
        return new Cluster(name, null, -1, null, null);
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
