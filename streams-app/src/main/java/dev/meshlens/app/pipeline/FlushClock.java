package dev.meshlens.app.pipeline;

import java.time.Duration;

/**
 * When a task's wall-clock flush of its partials is due: a flush interval after its last flush, whether a commit
 * or this clock sent it.
 *
 * <p>Each flush sends one partial per (service, window) in the buffer, however few lines it holds. With commits as
 * frequent as the flush interval (both 1 s by default) and out of phase with it, flushing at both sent up to twice
 * the partials for nothing: under exactly-once no partial is visible downstream before its commit anyway.
 */
final class FlushClock {
    private final long intervalMillis;
    private long lastFlushMillis = Long.MIN_VALUE;

    FlushClock(Duration interval) {
        this.intervalMillis = interval.toMillis();
    }

    boolean due(long nowMillis) {
        return nowMillis - intervalMillis >= lastFlushMillis;
    }

    void flushed(long nowMillis) {
        lastFlushMillis = nowMillis;
    }
}
