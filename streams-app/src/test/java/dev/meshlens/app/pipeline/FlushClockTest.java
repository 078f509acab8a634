package dev.meshlens.app.pipeline;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FlushClockTest {
    private final FlushClock clock = new FlushClock(Duration.ofSeconds(1));

    @Test
    void theFirstFlushIsDueAtOnce() {
        assertTrue(clock.due(0));
    }

    @Test
    void aFlushPostponesTheNextByTheInterval() {
        clock.flushed(10_000);
        assertFalse(clock.due(10_000));
        assertFalse(clock.due(10_999));
        assertTrue(clock.due(11_000));
    }

    @Test
    void theLatestFlushCountsWhoeverSentIt() {
        clock.flushed(10_000);
        clock.flushed(10_600);
        assertFalse(clock.due(11_000));
        assertTrue(clock.due(11_600));
    }
}
