package dev.meshlens.diagnosis;

/** Which side of a request the sidecar that wrote the line was on. */
public enum Direction {
    /** The client's sidecar: {@code outbound|PORT|SUBSET|HOST} clusters. */
    OUTBOUND("outbound"),
    /** The server's sidecar: {@code inbound|PORT||} clusters. */
    INBOUND("inbound"),
    /** An ingress or egress gateway, which routes for others. */
    GATEWAY("gateway"),
    UNKNOWN("unknown");

    private final String id;

    Direction(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Direction byId(String id) {
        for (Direction d : values()) {
            if (d.id.equals(id)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown direction '" + id + "' (outbound, inbound, gateway, unknown)");
    }
}
