package dev.meshlens.app.it;

import dev.meshlens.diagnosis.Cause;

/**
 * How a request ended, as an Istio 1.9+ sidecar logs it, and the cause the built-in rules ({@code causes.json},
 * first matching rule wins) give that evidence.
 */
enum Outcome {
    /** 200 from the application: no rule matches a success. */
    SERVED(200, "-", "via_upstream", "-", Cause.NONE),
    /** UF with TLS evidence: "mtls-mismatch" (UF and TLS_error) comes before "connection-refused" (any UF). */
    TLS_MISMATCH(503, "UF", "upstream_reset_before_response_started{connection_failure,TLS_error:_WRONG_VERSION_NUMBER}",
            "-", Cause.MTLS_MISMATCH),
    /** UF without TLS evidence. */
    REFUSED(503, "UF", "upstream_reset_before_response_started{connection_failure}", "delayed_connect_error:_111",
            Cause.CONNECTION_REFUSED),
    NO_HEALTHY_UPSTREAM(503, "UH", "no_healthy_upstream", "-", Cause.NO_HEALTHY_UPSTREAM),
    OVERFLOW(503, "UO", "upstream_reset_before_response_started{overflow}", "-", Cause.CIRCUIT_BREAKER_OVERFLOW),
    TIMEOUT(504, "UT", "response_timeout", "-", Cause.UPSTREAM_TIMEOUT),
    /** The client went away (code 0, DC): a cause no built-in alert rule watches. */
    CLIENT_GONE(0, "DC", "downstream_remote_disconnect", "-", Cause.DOWNSTREAM_DISCONNECT),
    /** A 503 the application sent itself: no response flag. */
    APPLICATION_ERROR(503, "-", "via_upstream", "-", Cause.APPLICATION_ERROR);

    final int code;
    final String flags;
    final String details;
    final String failureReason;
    final Cause cause;

    Outcome(int code, String flags, String details, String failureReason, Cause cause) {
        this.code = code;
        this.flags = flags;
        this.details = details;
        this.failureReason = failureReason;
        this.cause = cause;
    }
}
