package dev.meshlens.app.pipeline;

import dev.meshlens.diagnosis.Cause;
import dev.meshlens.diagnosis.Direction;
import dev.meshlens.diagnosis.TopCounts;
import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.event.ByteView;
import dev.meshlens.parser.event.Field;
import org.HdrHistogram.Histogram;

/**
 * Everything known about one service in one time window: requests and errors per direction, per
 * (direction, cause) counts with their top upstream hosts and routes, and an HdrHistogram of durations.
 * Built line by line in a task (a partial), then merged across tasks after the repartition by service.
 */
public final class ServiceWindow {
    static final int TOP = 10;
    /** Status codes kept per cause: a cause rarely comes with more than a few. */
    static final int STATUS_TOP = 4;
    /** Durations above an hour are recorded as an hour. */
    static final long MAX_DURATION_MILLIS = 3_600_000L;
    private static final int CAUSES = Cause.values().length;
    /** Status codes as shared strings, so counting them allocates nothing. */
    private static final String[] STATUS_CODES = new String[1000];

    static {
        for (int i = 0; i < STATUS_CODES.length; i++) {
            STATUS_CODES[i] = Integer.toString(i).intern();
        }
    }

    private final String service;
    private final long windowStart;
    private final long windowEnd;
    private final long[] requests = new long[Direction.values().length];
    private final long[] errors = new long[Direction.values().length];
    private final CauseCounts[] causes = new CauseCounts[Direction.values().length * CAUSES];
    private final Histogram durations;
    private long bytes;

    public ServiceWindow(String service, long windowStart, long windowEnd) {
        this(service, windowStart, windowEnd, new Histogram(MAX_DURATION_MILLIS, 2));
    }

    ServiceWindow(String service, long windowStart, long windowEnd, Histogram durations) {
        this.service = service;
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
        this.durations = durations;
    }

    /** Counts of one (direction, cause) in the window. */
    public static final class CauseCounts {
        final Direction direction;
        final Cause cause;
        long count;
        long bytes;
        long flags;
        long firstSeen = Long.MAX_VALUE;
        long lastSeen = Long.MIN_VALUE;
        String sampleRequestId;
        final TopCounts upstreamHosts = new TopCounts(TOP);
        final TopCounts routes = new TopCounts(TOP);
        final TopCounts statusCodes = new TopCounts(STATUS_TOP);

        CauseCounts(Direction direction, Cause cause) {
            this.direction = direction;
            this.cause = cause;
        }

        public Direction direction() {
            return direction;
        }

        public Cause cause() {
            return cause;
        }

        public long count() {
            return count;
        }

        public long bytes() {
            return bytes;
        }

        public long flags() {
            return flags;
        }

        public long firstSeen() {
            return firstSeen;
        }

        public long lastSeen() {
            return lastSeen;
        }

        public String sampleRequestId() {
            return sampleRequestId;
        }

        public TopCounts upstreamHosts() {
            return upstreamHosts;
        }

        public TopCounts routes() {
            return routes;
        }

        /** The HTTP status codes seen with this cause ({@code 0} for TCP and no response). */
        public TopCounts statusCodes() {
            return statusCodes;
        }

        void merge(CauseCounts other) {
            count += other.count;
            bytes += other.bytes;
            flags |= other.flags;
            firstSeen = Math.min(firstSeen, other.firstSeen);
            lastSeen = Math.max(lastSeen, other.lastSeen);
            if (sampleRequestId == null) {
                sampleRequestId = other.sampleRequestId;
            }
            upstreamHosts.addAll(other.upstreamHosts);
            routes.addAll(other.routes);
            statusCodes.addAll(other.statusCodes);
        }
    }

    /** Adds one classified request. {@code upstreamHost} and {@code route} are interned, or null. */
    public void record(AccessEvent event, Direction direction, Cause cause, String upstreamHost, String route) {
        int d = direction.ordinal();
        requests[d]++;
        long size = Math.max(0, event.bytesReceived()) + Math.max(0, event.bytesSent());
        bytes += size;
        long duration = event.duration();
        if (duration >= 0) {
            durations.recordValue(Math.min(duration, MAX_DURATION_MILLIS));
        }
        if (cause == Cause.NONE) {
            return;
        }
        errors[d]++;
        CauseCounts counts = causeCounts(direction, cause);
        counts.count++;
        counts.bytes += size;
        counts.flags |= event.responseFlags();
        long time = event.eventTimeMillis();
        if (time != AccessEvent.NO_TIME) {
            counts.firstSeen = Math.min(counts.firstSeen, time);
            counts.lastSeen = Math.max(counts.lastSeen, time);
        }
        if (counts.sampleRequestId == null) {
            ByteView id = event.text(Field.REQUEST_ID);
            counts.sampleRequestId = id == null ? null : id.toString();
        }
        if (upstreamHost != null) {
            counts.upstreamHosts.add(upstreamHost);
        }
        if (route != null) {
            counts.routes.add(route);
        }
        int code = event.responseCode();
        if (code >= 0 && code < STATUS_CODES.length) {
            counts.statusCodes.add(STATUS_CODES[code]);
        }
    }

    public ServiceWindow merge(ServiceWindow other) {
        for (int d = 0; d < requests.length; d++) {
            requests[d] += other.requests[d];
            errors[d] += other.errors[d];
        }
        bytes += other.bytes;
        durations.add(other.durations);
        for (CauseCounts c : other.causes) {
            if (c != null) {
                causeCounts(c.direction, c.cause).merge(c);
            }
        }
        return this;
    }

    CauseCounts causeCounts(Direction direction, Cause cause) {
        int i = direction.ordinal() * CAUSES + cause.ordinal();
        CauseCounts counts = causes[i];
        if (counts == null) {
            counts = new CauseCounts(direction, cause);
            causes[i] = counts;
        }
        return counts;
    }

    public String service() {
        return service;
    }

    public long windowStart() {
        return windowStart;
    }

    public long windowEnd() {
        return windowEnd;
    }

    public long requests() {
        return sum(requests);
    }

    public long requests(Direction direction) {
        return requests[direction.ordinal()];
    }

    public long errors() {
        return sum(errors);
    }

    private static long sum(long[] values) {
        long total = 0;
        for (long v : values) {
            total += v;
        }
        return total;
    }

    public long errors(Direction direction) {
        return errors[direction.ordinal()];
    }

    public long bytes() {
        return bytes;
    }

    public Histogram durations() {
        return durations;
    }

    /** The (direction, cause) counts present, in direction then cause order. */
    public java.util.List<CauseCounts> causes() {
        java.util.List<CauseCounts> present = new java.util.ArrayList<>();
        for (CauseCounts c : causes) {
            if (c != null) {
                present.add(c);
            }
        }
        return present;
    }

    void restore(long[] requests, long[] errors, long bytes) {
        System.arraycopy(requests, 0, this.requests, 0, this.requests.length);
        System.arraycopy(errors, 0, this.errors, 0, this.errors.length);
        this.bytes = bytes;
    }
}
