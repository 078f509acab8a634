package dev.meshlens.app.diagnose;

import java.util.List;
import java.util.Map;

/**
 * The offline diagnosis of one or more log files: what {@code meshlens diagnose} prints as a table and, with
 * {@code --json}, as JSON (contract: {@code schemas/diagnose-report.schema.json}; keys in snake_case).
 */
public record Report(List<String> files, long lines, long parsed, long partial, long rejected,
        Map<String, Long> rejectedByReason, List<String> rejectedLines, long rejectedLinesNotListed,
        Long windowMillis, List<ServiceReport> services) {

    /** One destination service seen from one side. */
    public record ServiceReport(String service, String direction, long requests, long errors, double errorRatio,
            String topCause, List<CauseReport> causes) {
    }

    /** One cause of failure for a service. */
    public record CauseReport(String cause, String title, String hint, long count, double share,
            String firstSeen, String lastSeen, List<String> flags, List<Count> topUpstreamHosts,
            List<Count> topRoutes, List<Count> topSourceWorkloads, String sampleRequestId,
            List<WindowCount> timeline) {
    }

    public record Count(String name, long count) {
    }

    public record WindowCount(String windowStart, long count) {
    }
}
