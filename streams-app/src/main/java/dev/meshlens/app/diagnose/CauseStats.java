package dev.meshlens.app.diagnose;

import dev.meshlens.diagnosis.TopCounts;
import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.event.ByteView;
import dev.meshlens.parser.event.Field;

/** Running totals for one (service, direction, cause). Memory is fixed but for the window timeline. */
final class CauseStats {
    private static final int TRACKED = 32;

    long count;
    long firstSeen = Long.MAX_VALUE;
    long lastSeen = Long.MIN_VALUE;
    long flags;
    String sampleRequestId;
    final TopCounts upstreamHosts = new TopCounts(TRACKED);
    final TopCounts routes = new TopCounts(TRACKED);
    final TopCounts sourceWorkloads = new TopCounts(TRACKED);
    final WindowCounts windows;

    CauseStats(boolean timeline) {
        windows = timeline ? new WindowCounts() : null;
    }

    void add(AccessEvent event, String upstreamHost, String route, String workload, long windowMillis) {
        count++;
        flags |= event.responseFlags();
        long time = event.eventTimeMillis();
        if (time != AccessEvent.NO_TIME) {
            firstSeen = Math.min(firstSeen, time);
            lastSeen = Math.max(lastSeen, time);
            if (windows != null) {
                windows.increment(Math.floorDiv(time, windowMillis) * windowMillis);
            }
        }
        if (upstreamHost != null) {
            upstreamHosts.add(upstreamHost);
        }
        if (route != null) {
            routes.add(route);
        }
        if (workload != null) {
            sourceWorkloads.add(workload);
        }
        if (sampleRequestId == null) {
            ByteView id = event.text(Field.REQUEST_ID);
            if (id != null) {
                sampleRequestId = id.toString();
            }
        }
    }
}
