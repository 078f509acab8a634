package dev.meshlens.app.serving;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Bounded waits for what happens asynchronously: polls, and fails saying what it waited for and what it last saw. */
public final class Await {
    private static final long POLL_MILLIS = 250;

    private Await() {
    }

    /** Polls {@code probe} until {@code done} accepts its value, and returns that value. */
    public static <T> T until(Duration limit, String what, Supplier<T> probe, Predicate<? super T> done) {
        long deadline = System.nanoTime() + limit.toNanos();
        T last = null;
        RuntimeException lastError = null;
        while (true) {
            try {
                last = probe.get();
                lastError = null;
                if (done.test(last)) {
                    return last;
                }
            } catch (RuntimeException e) {
                lastError = e;
            }
            if (System.nanoTime() > deadline) {
                String seen = lastError != null ? "last attempt failed: " + lastError : "last saw: " + last;
                fail("waited " + limit.toSeconds() + " s for " + what + "; " + seen, lastError);
            }
            sleep(POLL_MILLIS);
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
