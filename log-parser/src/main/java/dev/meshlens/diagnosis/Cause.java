package dev.meshlens.diagnosis;

/**
 * The closed set of reasons a request failed, with stable ids that reports, alerts and the REST API carry.
 * Which evidence maps to which cause, and the titles and hints shown to operators, are data
 * ({@code causes.json}, overridable), not code.
 */
public enum Cause {
    NONE("none"),
    NO_HEALTHY_UPSTREAM("no-healthy-upstream"),
    MTLS_MISMATCH("mtls-mismatch"),
    CONNECTION_REFUSED("connection-refused"),
    CIRCUIT_BREAKER_OVERFLOW("circuit-breaker-overflow"),
    UPSTREAM_KEEPALIVE_RESET("upstream-keepalive-reset"),
    RETRIES_EXHAUSTED("retries-exhausted"),
    NO_ROUTE("no-route"),
    NO_FILTER_CHAIN("no-filter-chain"),
    DOWNSTREAM_PROTOCOL_ERROR("downstream-protocol-error"),
    HTTP10_CLIENT("http10-client"),
    UPSTREAM_TIMEOUT("upstream-timeout"),
    STREAM_IDLE_TIMEOUT("stream-idle-timeout"),
    DOWNSTREAM_DISCONNECT("downstream-disconnect"),
    UPSTREAM_RESET("upstream-reset"),
    RATE_LIMITED("rate-limited"),
    EXT_AUTHZ_DENIED("ext-authz-denied"),
    RBAC_DENIED("rbac-denied"),
    FAULT_INJECTED("fault-injected"),
    UPSTREAM_PROTOCOL_ERROR("upstream-protocol-error"),
    CLUSTER_NOT_FOUND("cluster-not-found"),
    MIXER_POLICY_UNAVAILABLE("mixer-policy-unavailable"),
    OVERLOAD("overload"),
    DNS_FAILURE("dns-failure"),
    APPLICATION_ERROR("application-error"),
    OTHER("other");

    private static final Cause[] VALUES = values();

    private final String id;

    Cause(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Cause of(int ordinal) {
        return VALUES[ordinal];
    }

    public static Cause byId(String id) {
        for (Cause cause : VALUES) {
            if (cause.id.equals(id)) {
                return cause;
            }
        }
        throw new IllegalArgumentException("unknown cause id '" + id + "'");
    }
}
