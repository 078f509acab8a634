package dev.meshlens.app.serving;

import dev.meshlens.app.pipeline.ServiceWindow;
import dev.meshlens.diagnosis.Cause;
import dev.meshlens.diagnosis.CauseRules;
import dev.meshlens.diagnosis.Direction;
import dev.meshlens.diagnosis.TopCounts;
import dev.meshlens.parser.event.IsoTime;
import dev.meshlens.parser.event.ResponseFlag;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** The REST answers, computed from window aggregates: pure functions, no Kafka. */
public final class Summaries {
    private static final int TOP_HOSTS = 5;

    private final CauseRules causes;

    public Summaries(CauseRules causes) {
        this.causes = causes;
    }

    /** Merges all windows of each service into one. */
    public static List<ServiceWindow> mergeByService(List<ServiceWindow> windows, long from, long to) {
        Map<String, ServiceWindow> merged = new LinkedHashMap<>();
        for (ServiceWindow w : windows) {
            merged.computeIfAbsent(w.service(), s -> new ServiceWindow(s, from, to)).merge(w);
        }
        return new ArrayList<>(merged.values());
    }

    /** One row per service, most errors first. */
    public List<Views.ServiceSummary> services(List<ServiceWindow> perService) {
        return perService.stream().map(this::summary)
                .sorted(Comparator.comparingLong((Views.ServiceSummary s) -> -s.errors())
                        .thenComparingLong(s -> -s.requests()).thenComparing(Views.ServiceSummary::service))
                .toList();
    }

    public Views.ServiceSummary summary(ServiceWindow total) {
        List<Views.CauseSummary> list = total.causes().stream().map(this::cause)
                .sorted(Comparator.comparingLong((Views.CauseSummary c) -> -c.count()).thenComparing(Views.CauseSummary::cause))
                .toList();
        long requests = total.requests();
        long errors = total.errors();
        return new Views.ServiceSummary(total.service(), requests, errors, requests == 0 ? 0 : (double) errors / requests,
                list.isEmpty() ? null : list.get(0), list);
    }

    private Views.CauseSummary cause(ServiceWindow.CauseCounts c) {
        CauseRules.CauseInfo info = causes.info(c.cause());
        List<String> flags = new ArrayList<>();
        for (ResponseFlag flag : ResponseFlag.values()) {
            if (flag.isSet(c.flags())) {
                flags.add(flag.shortCode());
            }
        }
        return new Views.CauseSummary(c.cause().id(), info.title(), info.hint(), c.direction().id(), c.count(), flags,
                c.statusCodes().top(4).stream().map(TopCounts.Entry::key).toList(),
                c.firstSeen() == Long.MAX_VALUE ? null : IsoTime.toString(c.firstSeen()),
                c.lastSeen() == Long.MIN_VALUE ? null : IsoTime.toString(c.lastSeen()), c.upstreamHosts().top(TOP_HOSTS));
    }

    /** Per window, counts per cause; {@code direction} null for all directions. */
    public static List<Views.CauseWindow> causeWindows(List<ServiceWindow> windows, Direction direction) {
        List<Views.CauseWindow> out = new ArrayList<>();
        for (ServiceWindow w : windows) {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (ServiceWindow.CauseCounts c : w.causes()) {
                if (direction == null || c.direction() == direction) {
                    counts.merge(c.cause().id(), c.count(), Long::sum);
                }
            }
            long requests = direction == null ? w.requests() : w.requests(direction);
            long errors = direction == null ? w.errors() : w.errors(direction);
            out.add(new Views.CauseWindow(IsoTime.toString(w.windowStart()), IsoTime.toString(w.windowEnd()), requests, errors, counts));
        }
        return out;
    }

    public static List<Views.LatencyWindow> latency(List<ServiceWindow> windows) {
        List<Views.LatencyWindow> out = new ArrayList<>();
        for (ServiceWindow w : windows) {
            Histogram h = w.durations();
            out.add(new Views.LatencyWindow(IsoTime.toString(w.windowStart()), IsoTime.toString(w.windowEnd()), h.getTotalCount(),
                    h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99),
                    h.getValueAtPercentile(99.9), h.getMaxValue()));
        }
        return out;
    }

    /** The top upstream hosts of {@code cause} (all causes when null) across the windows. */
    public static List<Views.UpstreamCount> upstreams(List<ServiceWindow> windows, Cause cause, int limit) {
        TopCounts hosts = new TopCounts(64);
        for (ServiceWindow w : windows) {
            for (ServiceWindow.CauseCounts c : w.causes()) {
                if (cause == null || c.cause() == cause) {
                    hosts.addAll(c.upstreamHosts());
                }
            }
        }
        return hosts.top(limit).stream().map(e -> new Views.UpstreamCount(e.key(), e.count())).toList();
    }

}
