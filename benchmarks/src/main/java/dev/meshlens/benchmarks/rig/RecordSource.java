package dev.meshlens.benchmarks.rig;

/** The next input record value, for a call that started at {@code nowMillis}. */
@FunctionalInterface
public interface RecordSource {
    byte[] next(long nowMillis);
}
