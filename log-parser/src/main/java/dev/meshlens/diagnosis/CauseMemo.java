package dev.meshlens.diagnosis;

import dev.meshlens.parser.event.AccessEvent;

/**
 * {@link CauseRules#classify} for one thread, faster on long runs: it remembers, per (code, flags) pair, which
 * rules can match at all, so a line is checked only against those, and only on its text (details, failure
 * reasons). A mesh logs a few dozen pairs; the memo is a fixed direct-mapped table, where a pair that collides
 * with another replaces it.
 */
public final class CauseMemo {
    private static final int SLOTS = 256;

    private final CauseRules rules;
    private final int[] codes = new int[SLOTS];
    private final long[] flags = new long[SLOTS];
    private final int[][] candidates = new int[SLOTS][];

    public CauseMemo(CauseRules rules) {
        this.rules = rules;
    }

    /** The same cause as {@code rules.classify(event)}. */
    public Cause classify(AccessEvent event) {
        int code = event.responseCode();
        long responseFlags = event.responseFlags();
        long mixed = (responseFlags ^ code) * 0x9E3779B97F4A7C15L;
        int slot = (int) (mixed >>> 56) & (SLOTS - 1);
        int[] known = candidates[slot];
        if (known == null || codes[slot] != code || flags[slot] != responseFlags) {
            known = rules.candidates(code, responseFlags);
            codes[slot] = code;
            flags[slot] = responseFlags;
            candidates[slot] = known;
        }
        return rules.classify(event, known);
    }
}
