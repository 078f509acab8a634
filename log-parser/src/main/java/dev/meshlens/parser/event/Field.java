package dev.meshlens.parser.event;

/**
 * Every value an access event can carry. Access-line fields are named after Istio's JSON encoding
 * ({@link #jsonName()}), which is also the contract of {@code schemas/access-event.schema.json}.
 */
public enum Field {
    START_TIME("start_time", Kind.TIME),
    METHOD("method", Kind.TEXT),
    PATH("path", Kind.TEXT),
    PROTOCOL("protocol", Kind.TEXT),
    RESPONSE_CODE("response_code", Kind.NUMBER),
    RESPONSE_FLAGS("response_flags", Kind.FLAGS),
    RESPONSE_CODE_DETAILS("response_code_details", Kind.TEXT),
    CONNECTION_TERMINATION_DETAILS("connection_termination_details", Kind.TEXT),
    UPSTREAM_TRANSPORT_FAILURE_REASON("upstream_transport_failure_reason", Kind.TEXT),
    ISTIO_POLICY_STATUS("istio_policy_status", Kind.TEXT),
    BYTES_RECEIVED("bytes_received", Kind.NUMBER),
    BYTES_SENT("bytes_sent", Kind.NUMBER),
    DURATION("duration", Kind.NUMBER),
    UPSTREAM_SERVICE_TIME("upstream_service_time", Kind.NUMBER),
    X_FORWARDED_FOR("x_forwarded_for", Kind.TEXT),
    USER_AGENT("user_agent", Kind.TEXT),
    REQUEST_ID("request_id", Kind.TEXT),
    AUTHORITY("authority", Kind.TEXT),
    UPSTREAM_HOST("upstream_host", Kind.TEXT),
    UPSTREAM_CLUSTER("upstream_cluster", Kind.CLUSTER),
    UPSTREAM_LOCAL_ADDRESS("upstream_local_address", Kind.TEXT),
    DOWNSTREAM_LOCAL_ADDRESS("downstream_local_address", Kind.TEXT),
    DOWNSTREAM_REMOTE_ADDRESS("downstream_remote_address", Kind.TEXT),
    REQUESTED_SERVER_NAME("requested_server_name", Kind.TEXT),
    ROUTE_NAME("route_name", Kind.TEXT),

    /** Derived from {@link #UPSTREAM_CLUSTER}: {@code outbound}, {@code inbound}, ... */
    CLUSTER_DIRECTION("direction", Kind.DERIVED),
    /** Derived from {@link #UPSTREAM_CLUSTER}: the DestinationRule subset, e.g. {@code v1}. */
    CLUSTER_SUBSET("subset", Kind.DERIVED),
    /** Derived from {@link #UPSTREAM_CLUSTER}: the service host, e.g. {@code reviews.default.svc.cluster.local}. */
    CLUSTER_HOST("host", Kind.DERIVED),

    /** From the envelope (Fluent Bit kubernetes filter, kubectl/stern prefixes). */
    K8S_NAMESPACE("namespace", Kind.ENVELOPE),
    K8S_POD("pod", Kind.ENVELOPE),
    K8S_CONTAINER("container", Kind.ENVELOPE),
    K8S_APP("app", Kind.ENVELOPE),
    K8S_VERSION("version", Kind.ENVELOPE),
    K8S_NODE("node", Kind.ENVELOPE),
    STREAM("stream", Kind.ENVELOPE);

    /** How a field's text is checked and converted when the field is set. */
    public enum Kind { TEXT, NUMBER, TIME, FLAGS, CLUSTER, DERIVED, ENVELOPE }

    public static final int COUNT = values().length;
    private static final Field[] VALUES = values();

    private final String jsonName;
    private final Kind kind;

    Field(String jsonName, Kind kind) {
        this.jsonName = jsonName;
        this.kind = kind;
    }

    public String jsonName() {
        return jsonName;
    }

    public Kind kind() {
        return kind;
    }

    /** True for the fields that come from the access line itself (not derived, not envelope). */
    public boolean isAccessLineField() {
        return kind != Kind.DERIVED && kind != Kind.ENVELOPE;
    }

    public static Field of(int ordinal) {
        return VALUES[ordinal];
    }
}
