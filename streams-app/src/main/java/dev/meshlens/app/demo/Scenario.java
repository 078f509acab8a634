package dev.meshlens.app.demo;

import dev.meshlens.diagnosis.Cause;
import dev.meshlens.diagnosis.Direction;

/**
 * The failures the demo injects in turn, from the causes operators meet most (see the cause hints): each
 * names what an operator did, the service that suffers, and the cause MeshLens must report for it.
 */
public enum Scenario {
    HEALTHY("healthy traffic only", null, null, null),
    REVIEWS_SCALED_TO_ZERO("reviews scaled to zero", "reviews.default", Direction.OUTBOUND, Cause.NO_HEALTHY_UPSTREAM),
    DETAILS_TLS_DISABLED("DestinationRule disables TLS for details under mesh mTLS", "details.default",
            Direction.OUTBOUND, Cause.MTLS_MISMATCH),
    RATINGS_CIRCUIT_BREAKER("tight circuit breaker on ratings", "ratings.default", Direction.OUTBOUND,
            Cause.CIRCUIT_BREAKER_OVERFLOW),
    GATEWAY_HOST_MISSING("gateway host missing from the VirtualService", "shop.bookinfo.example", Direction.GATEWAY,
            Cause.NO_ROUTE),
    HTTPS_TO_HTTP_PORT("HTTPS sent to a ServiceEntry port declared HTTP", "productpage.default", Direction.UNKNOWN,
            Cause.DOWNSTREAM_PROTOCOL_ERROR),
    RATINGS_KEEPALIVE("ratings closes kept-alive connections before Envoy does", "ratings.default", Direction.OUTBOUND,
            Cause.UPSTREAM_KEEPALIVE_RESET);

    private final String description;
    private final String service;
    private final Direction direction;
    private final Cause cause;

    Scenario(String description, String service, Direction direction, Cause cause) {
        this.description = description;
        this.service = service;
        this.direction = direction;
        this.cause = cause;
    }

    public String description() {
        return description;
    }

    /** The service whose requests fail, as MeshLens names it; null for healthy traffic. */
    public String service() {
        return service;
    }

    public Direction direction() {
        return direction;
    }

    public Cause cause() {
        return cause;
    }
}
