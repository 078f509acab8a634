package dev.meshlens.diagnosis;

import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.event.ByteView;
import dev.meshlens.parser.event.Bytes;
import dev.meshlens.parser.event.Field;
import java.nio.charset.StandardCharsets;

/**
 * Who a request was for, and from which side it was seen: a flyweight filled per event by {@link #identify}.
 * The rules, in order:
 * <ol>
 * <li>{@code outbound|PORT|SUBSET|HOST}: the destination is HOST (as {@code name.namespace} for Kubernetes
 *     names); the line is outbound, or gateway when the sidecar is a gateway.</li>
 * <li>{@code inbound|PORT||}: the destination is named by the SNI-style requested server name
 *     ({@code outbound_.PORT_.SUBSET_.HOST}), else by the host of Istio 1.1 to 1.5 inbound clusters
 *     ({@code inbound|PORT|PORT_NAME|HOST}), else by the sidecar's own workload, else by the authority.</li>
 * <li>{@code PassthroughCluster}, {@code BlackHoleCluster}, {@code InboundPassthroughCluster*}: named as such.</li>
 * <li>No cluster ({@code -}, as on NR, DPE and RBAC-denied lines) but an SNI-style requested server name: only
 *     the server's sidecar sees Istio's mTLS server name, so the line is inbound, to the service it names.</li>
 * <li>No cluster otherwise: the authority's host without port (a short name is qualified with the envelope's
 *     namespace; addresses never are), else the sidecar's own workload, else {@code unknown}.</li>
 * <li>Any other cluster name (plain Envoy): the cluster name.</li>
 * </ol>
 * A sidecar is a gateway when its {@code app} label or pod name contains {@code gateway}. The source
 * workload is the envelope's {@code app} (or pod) label with its namespace: the caller on outbound lines,
 * the destination itself on inbound ones.
 */
public final class ServiceIdentity {
    public static final String UNKNOWN = "unknown";

    private static final byte[] K8S_SUFFIX = ascii(".svc.cluster.local");
    private static final byte[] SVC_SUFFIX = ascii(".svc");
    private static final byte[] GATEWAY = ascii("gateway");
    private static final byte[] PASSTHROUGH = ascii("PassthroughCluster");
    private static final byte[] BLACKHOLE = ascii("BlackHoleCluster");
    private static final byte[] INBOUND_PASSTHROUGH = ascii("InboundPassthroughCluster");
    private static final byte[] INBOUND = ascii("inbound");
    private static final byte[] SNI_SEPARATOR = ascii("_.");

    private final NameInterner names;
    private final byte[] scratch = new byte[512];
    private final IdentityMemo memo = new IdentityMemo();

    private Direction direction;
    private String service;
    private String subset;
    private String workload;
    private String workloadVersion;

    public ServiceIdentity(NameInterner names) {
        this.names = names;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    public Direction direction() {
        return direction;
    }

    /** The destination service, e.g. {@code reviews.default}; never null. */
    public String service() {
        return service;
    }

    /** The DestinationRule subset, or null. */
    public String subset() {
        return subset;
    }

    /** The sidecar's own workload ({@code app.namespace}), or null without Kubernetes metadata. */
    public String workload() {
        return workload;
    }

    public String workloadVersion() {
        return workloadVersion;
    }

    public ServiceIdentity identify(AccessEvent event) {
        int slot = memo.find(event);
        if (slot >= 0) {
            direction = memo.directions[slot];
            service = memo.services[slot];
            subset = memo.subsets[slot];
            workload = memo.workloads[slot];
            workloadVersion = memo.workloadVersions[slot];
            return this;
        }
        apply(event);
        if (slot != Integer.MIN_VALUE) {
            memo.remember(-1 - slot, this);
        }
        return this;
    }

    private void apply(AccessEvent event) {
        subset = intern(event.text(Field.CLUSTER_SUBSET));
        workloadVersion = intern(event.text(Field.K8S_VERSION));
        workload = workloadName(event);
        boolean gateway = isGateway(event);
        ByteView host = event.text(Field.CLUSTER_HOST);
        ByteView clusterDirection = event.text(Field.CLUSTER_DIRECTION);
        ByteView cluster = event.text(Field.UPSTREAM_CLUSTER);
        boolean inbound = clusterDirection != null && clusterDirection.contentEquals(INBOUND);
        if (host != null && host.length() > 0 && !inbound) {
            direction = gateway ? Direction.GATEWAY : Direction.OUTBOUND;
            service = serviceName(host.bytes(), host.offset(), host.length(), event);
        } else if (inbound || cluster == null && hasIstioServerName(event)) {
            direction = Direction.INBOUND;
            service = inboundService(event);
        } else if (cluster != null) {
            direction = gateway ? Direction.GATEWAY : Direction.UNKNOWN;
            service = specialCluster(cluster);
        } else {
            direction = gateway ? Direction.GATEWAY : Direction.UNKNOWN;
            service = fromAuthorityOrWorkload(event);
        }
    }

    private String specialCluster(ByteView cluster) {
        if (cluster.startsWith(INBOUND_PASSTHROUGH)) {
            direction = Direction.INBOUND;
            return names.intern(INBOUND_PASSTHROUGH, 0, INBOUND_PASSTHROUGH.length);
        }
        if (cluster.contentEquals(PASSTHROUGH) || cluster.contentEquals(BLACKHOLE)) {
            if (direction == Direction.UNKNOWN) {
                direction = Direction.OUTBOUND;
            }
        }
        return names.intern(cluster.bytes(), cluster.offset(), cluster.length());
    }

    private String inboundService(AccessEvent event) {
        // Istio 1.1 to 1.5 inbound clusters (inbound|PORT|PORT_NAME|HOST) carry the port name, not a subset.
        subset = null;
        ByteView sni = event.text(Field.REQUESTED_SERVER_NAME);
        if (sni != null) {
            int hostAt = sniHost(sni);
            if (hostAt >= 0) {
                subset = sniSubset(sni);
                return serviceName(sni.bytes(), sni.offset() + hostAt, sni.length() - hostAt, event);
            }
        }
        ByteView host = event.text(Field.CLUSTER_HOST);
        if (host != null) {
            return serviceName(host.bytes(), host.offset(), host.length(), event);
        }
        return workload != null ? workload : fromAuthorityOrWorkload(event);
    }

    private static boolean hasIstioServerName(AccessEvent event) {
        ByteView sni = event.text(Field.REQUESTED_SERVER_NAME);
        return sni != null && sniHost(sni) >= 0;
    }

    /** Offset of HOST in {@code outbound_.PORT_.SUBSET_.HOST}, or -1. */
    private static int sniHost(ByteView sni) {
        int first = sni.indexOf(SNI_SEPARATOR);
        if (first < 0) {
            return -1;
        }
        byte[] b = sni.bytes();
        int end = sni.offset() + sni.length();
        int second = Bytes.indexOf(b, sni.offset() + first + 2, end, SNI_SEPARATOR);
        if (second < 0) {
            return -1;
        }
        int third = Bytes.indexOf(b, second + 2, end, SNI_SEPARATOR);
        return third < 0 ? -1 : third + 2 - sni.offset();
    }

    private String sniSubset(ByteView sni) {
        byte[] b = sni.bytes();
        int end = sni.offset() + sni.length();
        int second = Bytes.indexOf(b, sni.offset() + sni.indexOf(SNI_SEPARATOR) + 2, end, SNI_SEPARATOR);
        int third = Bytes.indexOf(b, second + 2, end, SNI_SEPARATOR);
        int len = third - second - 2;
        return len <= 0 || (len == 1 && b[second + 2] == '_') ? null : names.intern(b, second + 2, len);
    }

    private String fromAuthorityOrWorkload(AccessEvent event) {
        ByteView authority = event.text(Field.AUTHORITY);
        if (authority != null) {
            return serviceName(authority.bytes(), authority.offset(), hostLength(authority), event);
        }
        return workload != null ? workload : UNKNOWN;
    }

    /** The host part of {@code HOST[:PORT]}: {@code [2001:db8::7]:80} gives {@code [2001:db8::7]}. */
    private static int hostLength(ByteView authority) {
        if (authority.byteAt(0) == '[') {
            int close = authority.indexOf((byte) ']');
            return close < 0 ? authority.length() : close + 1;
        }
        int colon = authority.indexOf((byte) ':');
        int end = authority.offset() + authority.length();
        // A second colon means a bare IPv6 address, which has no port.
        boolean port = colon > 0 && Bytes.indexOf(authority.bytes(), authority.offset() + colon + 1, end, (byte) ':') < 0;
        return port ? colon : authority.length();
    }

    /** {@code name.namespace} for Kubernetes hosts; other hosts as they are. */
    private String serviceName(byte[] b, int off, int len, AccessEvent event) {
        int end = off + len;
        if (endsWith(b, off, end, K8S_SUFFIX)) {
            end -= K8S_SUFFIX.length;
        } else if (endsWith(b, off, end, SVC_SUFFIX)) {
            end -= SVC_SUFFIX.length;
        }
        ByteView namespace = event.text(Field.K8S_NAMESPACE);
        // Addresses are never short names: IPv4 has dots, IPv6 colons.
        boolean shortName = Bytes.indexOf(b, off, end, (byte) '.') < 0 && Bytes.indexOf(b, off, end, (byte) ':') < 0;
        if (shortName && namespace != null && end - off + 1 + namespace.length() <= scratch.length) {
            return joined(b, off, end - off, namespace);
        }
        return names.intern(b, off, end - off);
    }

    private String joined(byte[] b, int off, int len, ByteView namespace) {
        System.arraycopy(b, off, scratch, 0, len);
        scratch[len] = '.';
        System.arraycopy(namespace.bytes(), namespace.offset(), scratch, len + 1, namespace.length());
        return names.intern(scratch, 0, len + 1 + namespace.length());
    }

    private String workloadName(AccessEvent event) {
        ByteView app = event.text(Field.K8S_APP);
        if (app == null) {
            app = event.text(Field.K8S_POD);
        }
        if (app == null) {
            return null;
        }
        ByteView namespace = event.text(Field.K8S_NAMESPACE);
        if (namespace == null || app.length() + 1 + namespace.length() > scratch.length) {
            return names.intern(app.bytes(), app.offset(), app.length());
        }
        return joined(app.bytes(), app.offset(), app.length(), namespace);
    }

    private static boolean isGateway(AccessEvent event) {
        ByteView app = event.text(Field.K8S_APP);
        ByteView pod = event.text(Field.K8S_POD);
        return app != null && app.indexOf(GATEWAY) >= 0 || app == null && pod != null && pod.indexOf(GATEWAY) >= 0;
    }

    private String intern(ByteView view) {
        return view == null ? null : names.intern(view.bytes(), view.offset(), view.length());
    }

    private static boolean endsWith(byte[] b, int off, int end, byte[] suffix) {
        return end - off > suffix.length && Bytes.startsWith(b, end - suffix.length, end, suffix);
    }
}
