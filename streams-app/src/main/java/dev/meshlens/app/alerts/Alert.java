package dev.meshlens.app.alerts;

import dev.meshlens.diagnosis.TopCounts;
import java.util.List;

/**
 * One alert transition, as written to the alert topic (contract: {@code schemas/alert.schema.json}; JSON keys
 * in snake_case). {@code id} names the episode: the same for its FIRING and its RESOLVED.
 */
public record Alert(String id, State state, String rule, String severity, String service, String direction,
        String cause, String title, String hint, String windowStart, String windowEnd, long count, long requests,
        double ratio, List<TopCounts.Entry> topUpstreamHosts, String sampleRequestId, String firingSince,
        String resolvedAt) {

    public enum State { FIRING, RESOLVED }

    Alert resolved(String at) {
        return new Alert(id, State.RESOLVED, rule, severity, service, direction, cause, title, hint, windowStart,
                windowEnd, count, requests, ratio, topUpstreamHosts, sampleRequestId, firingSince, at);
    }
}
