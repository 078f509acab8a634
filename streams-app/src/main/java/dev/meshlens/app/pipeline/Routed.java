package dev.meshlens.app.pipeline;

/**
 * What the parsing step sends on: a partial aggregate for the repartition by service, or a dead letter with
 * the original record. In memory only; each branch is written with its own serdes.
 */
sealed interface Routed {
    record Partial(ServiceWindow window) implements Routed {
    }

    /** The input record as it came ({@code key} may be null), headed for the dead-letter topic. */
    record DeadLetter(byte[] key, byte[] value) implements Routed {
    }
}
