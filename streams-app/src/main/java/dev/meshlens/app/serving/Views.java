package dev.meshlens.app.serving;

import dev.meshlens.diagnosis.TopCounts;
import java.util.List;
import java.util.Map;

/** What the REST API answers, as JSON (snake_case keys). */
public final class Views {
    private Views() {
    }

    /** A service over a time range: the listing's rows. */
    public record ServiceSummary(String service, long requests, long errors, double errorRatio, CauseSummary topCause,
            List<CauseSummary> causes) {
    }

    /** One cause of a service over a time range. */
    public record CauseSummary(String cause, String title, String hint, String direction, long count,
            List<String> flags, List<String> statusCodes, String firstSeen, String lastSeen,
            List<TopCounts.Entry> topUpstreamHosts) {
    }

    /** Counts per cause in one window. */
    public record CauseWindow(String windowStart, String windowEnd, long requests, long errors, Map<String, Long> causes) {
    }

    /** Latency percentiles in one window, in milliseconds. */
    public record LatencyWindow(String windowStart, String windowEnd, long count, long p50, long p90, long p99,
            long p999, long max) {
    }

    /** An upstream host and how many requests of the cause went to it. */
    public record UpstreamCount(String host, long count) {
    }

    public record Health(String status) {
    }

    public record Ready(boolean ready, String state) {
    }
}
