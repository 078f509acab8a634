package dev.meshlens.app.it;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * Bounded waits for what a running pipeline does in its own time: poll until a condition holds or the
 * deadline passes, then fail saying what was awaited and what was seen last.
 */
final class Waits {
    private static final long POLL_MILLIS = 100;

    private Waits() {
    }

    /**
     * Polls {@code probe} until {@code done} accepts its value, and returns that value. A probe that throws
     * (a store that is not queryable yet, say) is polled again; its last exception is in the failure.
     */
    static <T> T until(String what, Duration timeout, Callable<T> probe, Predicate<? super T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Object lastSeen = "nothing yet";
        Exception lastFailure = null;
        while (true) {
            try {
                T value = probe.call();
                if (done.test(value)) {
                    return value;
                }
                lastSeen = value;
                lastFailure = null;
            } catch (Exception e) {
                lastFailure = e;
            }
            if (System.nanoTime() - deadline >= 0) {
                AssertionError timedOut = new AssertionError("timed out after " + timeout + " waiting for " + what
                        + "; last seen: " + (lastFailure == null ? lastSeen : lastFailure));
                if (lastFailure != null) {
                    timedOut.initCause(lastFailure);
                }
                throw timedOut;
            }
            sleep();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
