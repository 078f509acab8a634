package dev.meshlens.app.diagnose;

import dev.meshlens.diagnosis.Cause;
import dev.meshlens.diagnosis.CauseMemo;
import dev.meshlens.diagnosis.CauseRules;
import dev.meshlens.diagnosis.Direction;
import dev.meshlens.diagnosis.NameInterner;
import dev.meshlens.diagnosis.ServiceIdentity;
import dev.meshlens.parser.AccessLogParser;
import dev.meshlens.diagnosis.TopCounts;
import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.event.ByteView;
import dev.meshlens.parser.event.Field;
import dev.meshlens.parser.event.IsoTime;
import dev.meshlens.parser.event.ParseStatus;
import dev.meshlens.parser.event.ResponseFlag;
import dev.meshlens.parser.io.LineReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Folds decoded lines into per-(service, direction, cause) totals in one pass. Memory follows the number of
 * services, causes and (with a window) time windows, never the number of lines: names are interned with caps.
 */
public final class ReportBuilder {
    static final int MAX_LISTED_REJECTIONS = 100;
    private static final int TOP = 5;
    private static final int MAX_SERVICES = 100_000;
    private static final int MAX_HOSTS = 200_000;

    private final AccessLogParser parser;
    private final CauseRules rules;
    private final CauseMemo causeMemo;
    private final long windowMillis;
    private final AccessEvent event = new AccessEvent();
    private final NameInterner serviceNames = new NameInterner(MAX_SERVICES);
    private final NameInterner hostNames = new NameInterner(MAX_HOSTS);
    private final ServiceIdentity identity = new ServiceIdentity(serviceNames);
    private final Map<String, GroupStats[]> groups = new HashMap<>();
    private final Map<ParseStatus, Long> rejectedByStatus = new EnumMap<>(ParseStatus.class);
    private final List<String> rejectedLines = new ArrayList<>();
    private final List<String> files = new ArrayList<>();
    private long lines;
    private long parsed;
    private long partial;
    private long rejected;

    /** {@code windowMillis <= 0}: no timeline. */
    public ReportBuilder(AccessLogParser parser, CauseRules rules, long windowMillis) {
        this.parser = parser;
        this.rules = rules;
        this.causeMemo = new CauseMemo(rules);
        this.windowMillis = windowMillis;
    }

    /** A handler that feeds this builder the lines of {@code file}. */
    public LineReader.Handler forFile(String file) {
        files.add(file);
        return new LineReader.Handler() {
            @Override
            public void line(byte[] buffer, int offset, int length, long lineNumber) {
                accept(file, buffer, offset, length, lineNumber);
            }

            @Override
            public void overlongLine(long lineNumber, long length) {
                lines++;
                reject(file, lineNumber, ParseStatus.TOO_LONG, ParseStatus.TOO_LONG.reason() + " (" + length + " bytes)");
            }
        };
    }

    public long lines() {
        return lines;
    }

    void accept(String file, byte[] buffer, int offset, int length, long lineNumber) {
        lines++;
        ParseStatus status = parser.parse(buffer, offset, length, event);
        if (!status.hasEvent()) {
            reject(file, lineNumber, status, null);
            return;
        }
        parsed++;
        if (status == ParseStatus.PARTIAL) {
            partial++;
        }
        identity.identify(event);
        Cause cause = causeMemo.classify(event);
        GroupStats group = group(identity.service(), identity.direction());
        group.requests++;
        if (cause == Cause.NONE) {
            return;
        }
        group.errors++;
        group.cause(cause, windowMillis > 0).add(event, intern(event.text(Field.UPSTREAM_HOST)),
                intern(event.text(Field.ROUTE_NAME)), identity.workload(), windowMillis);
    }

    private void reject(String file, long lineNumber, ParseStatus status, String detail) {
        rejected++;
        rejectedByStatus.merge(status, 1L, Long::sum);
        if (rejectedLines.size() < MAX_LISTED_REJECTIONS) {
            String reason = detail != null ? detail : status.reason() + " at byte " + event.errorOffset()
                    + (event.errorField() == null ? "" : " (" + event.errorField().jsonName() + ")");
            rejectedLines.add(file + ":" + lineNumber + ": " + reason);
        }
    }

    private GroupStats group(String service, Direction direction) {
        GroupStats[] byDirection = groups.get(service);
        if (byDirection == null) {
            byDirection = new GroupStats[Direction.values().length];
            groups.put(service, byDirection);
        }
        GroupStats group = byDirection[direction.ordinal()];
        if (group == null) {
            group = new GroupStats(service, direction.id());
            byDirection[direction.ordinal()] = group;
        }
        return group;
    }

    private String intern(ByteView view) {
        return view == null ? null : hostNames.intern(view.bytes(), view.offset(), view.length());
    }

    public Report build() {
        List<GroupStats> all = new ArrayList<>();
        groups.values().forEach(byDirection -> {
            for (GroupStats g : byDirection) {
                if (g != null) {
                    all.add(g);
                }
            }
        });
        all.sort(Comparator.comparingLong((GroupStats g) -> -g.errors).thenComparingLong(g -> -g.requests)
                .thenComparing(g -> g.service).thenComparing(g -> g.direction));
        List<Report.ServiceReport> services = all.stream().map(this::serviceReport).toList();
        Map<String, Long> byReason = new LinkedHashMap<>();
        rejectedByStatus.forEach((status, count) -> byReason.put(status.name().toLowerCase(Locale.ROOT), count));
        return new Report(List.copyOf(files), lines, parsed, partial, rejected, byReason, List.copyOf(rejectedLines),
                Math.max(0, rejected - rejectedLines.size()), windowMillis > 0 ? windowMillis : null, services);
    }

    private Report.ServiceReport serviceReport(GroupStats g) {
        List<Report.CauseReport> causes = new ArrayList<>();
        for (Cause cause : Cause.values()) {
            CauseStats stats = g.causes[cause.ordinal()];
            if (stats != null) {
                causes.add(causeReport(cause, stats, g.errors));
            }
        }
        causes.sort(Comparator.comparingLong((Report.CauseReport c) -> -c.count()).thenComparing(Report.CauseReport::cause));
        double ratio = g.requests == 0 ? 0 : (double) g.errors / g.requests;
        return new Report.ServiceReport(g.service, g.direction, g.requests, g.errors, ratio,
                causes.isEmpty() ? null : causes.get(0).cause(), causes);
    }

    private Report.CauseReport causeReport(Cause cause, CauseStats stats, long errors) {
        CauseRules.CauseInfo info = rules.info(cause);
        List<String> flags = new ArrayList<>();
        for (ResponseFlag flag : ResponseFlag.values()) {
            if (flag.isSet(stats.flags)) {
                flags.add(flag.shortCode());
            }
        }
        List<Report.WindowCount> timeline = null;
        if (stats.windows != null) {
            timeline = new ArrayList<>();
            for (Map.Entry<Long, Long> w : stats.windows.sorted().entrySet()) {
                timeline.add(new Report.WindowCount(IsoTime.toString(w.getKey()), w.getValue()));
            }
        }
        return new Report.CauseReport(cause.id(), info.title(), info.hint(), stats.count, (double) stats.count / errors,
                stats.firstSeen == Long.MAX_VALUE ? null : IsoTime.toString(stats.firstSeen),
                stats.lastSeen == Long.MIN_VALUE ? null : IsoTime.toString(stats.lastSeen), flags,
                counts(stats.upstreamHosts), counts(stats.routes), counts(stats.sourceWorkloads),
                stats.sampleRequestId, timeline);
    }

    private static List<Report.Count> counts(TopCounts counter) {
        return counter.top(TOP).stream().map(e -> new Report.Count(e.key(), e.count())).toList();
    }

}
