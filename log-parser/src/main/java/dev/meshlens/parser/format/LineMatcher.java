package dev.meshlens.parser.format;

import dev.meshlens.parser.event.AccessEvent;

/** A matcher generated for one format string by {@link MatcherCompiler}. */
interface LineMatcher {
    /** Returned when the line is not a whole, well-formed line of the format. */
    int NO_MATCH = -1;

    /**
     * Decodes {@code b[off, end)} into {@code event} and returns the format's token count, or {@link #NO_MATCH}
     * when any token does not fit; then the event holds part of the line, and {@link LogFormat}'s token loop
     * works out what is wrong and where.
     */
    int match(byte[] b, int off, int end, AccessEvent event);
}
