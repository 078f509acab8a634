package dev.meshlens.parser.event;

/**
 * Splits Istio's upstream cluster names: {@code outbound|9080|v1|reviews.default.svc.cluster.local},
 * {@code inbound|9080||} and the SNI-style {@code outbound_.9080_.v1_.reviews.default.svc.cluster.local}
 * (Istio's {@code alt_stat_name}, which may end with {@code ;}). Other names (PassthroughCluster,
 * BlackHoleCluster, plain Envoy clusters) have no parts.
 */
final class ClusterName {
    private static final byte[] SNI_SEPARATOR = {'_', '.'};

    private ClusterName() {
    }

    static void split(AccessEvent event, byte[] b, int off, int len) {
        int end = off + len;
        if (end > off && b[end - 1] == ';') {
            end--;
        }
        int bar = Bytes.indexOf(b, off, end, (byte) '|');
        if (bar > off) {
            splitParts(event, b, off, end, bar);
            return;
        }
        int sni = Bytes.indexOf(b, off, end, SNI_SEPARATOR);
        if (sni > off && isDirection(b, off, sni - off)) {
            splitSni(event, b, off, end, sni);
        }
    }

    private static void splitParts(AccessEvent event, byte[] b, int off, int end, int bar) {
        event.setRaw(Field.CLUSTER_DIRECTION, b, off, bar - off);
        int portStart = bar + 1;
        int portEnd = Bytes.indexOf(b, portStart, end, (byte) '|');
        if (portEnd < 0) {
            return;
        }
        event.clusterPort((int) Bytes.parseUnsigned(b, portStart, Math.min(portEnd - portStart, 9)));
        int subsetEnd = Bytes.indexOf(b, portEnd + 1, end, (byte) '|');
        if (subsetEnd < 0) {
            return;
        }
        event.setRaw(Field.CLUSTER_SUBSET, b, portEnd + 1, subsetEnd - portEnd - 1);
        event.setRaw(Field.CLUSTER_HOST, b, subsetEnd + 1, end - subsetEnd - 1);
    }

    private static void splitSni(AccessEvent event, byte[] b, int off, int end, int sep) {
        event.setRaw(Field.CLUSTER_DIRECTION, b, off, sep - off);
        int portStart = sep + 2;
        int portEnd = Bytes.indexOf(b, portStart, end, SNI_SEPARATOR);
        if (portEnd < 0) {
            return;
        }
        event.clusterPort((int) Bytes.parseUnsigned(b, portStart, Math.min(portEnd - portStart, 9)));
        int subsetStart = portEnd + 2;
        int subsetEnd = Bytes.indexOf(b, subsetStart, end, SNI_SEPARATOR);
        if (subsetEnd < 0) {
            return;
        }
        boolean noSubset = subsetEnd - subsetStart == 0;
        if (!noSubset) {
            event.setRaw(Field.CLUSTER_SUBSET, b, subsetStart, subsetEnd - subsetStart);
        }
        event.setRaw(Field.CLUSTER_HOST, b, subsetEnd + 2, end - subsetEnd - 2);
    }

    private static boolean isDirection(byte[] b, int off, int len) {
        return Bytes.equals(OUTBOUND, b, off, len) || Bytes.equals(INBOUND, b, off, len);
    }

    private static final byte[] OUTBOUND = "outbound".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] INBOUND = "inbound".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
}
