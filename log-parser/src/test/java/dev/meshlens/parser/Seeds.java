package dev.meshlens.parser;

/**
 * Seeds for generated tests: fixed by default so runs repeat, overridden with {@code -Dmeshlens.seed=N} to
 * explore; every failure message names the seed that reproduces it.
 */
public final class Seeds {
    private static final long BASE = Long.getLong("meshlens.seed", 0x4D65_7368_4C65_6E73L);

    private Seeds() {
    }

    /** How to repeat a failing run, for failure messages. */
    public static String howToRepeat(long seed) {
        return "seed " + seed + ", repeat with -Dmeshlens.seed=" + BASE;
    }

    /** A seed of its own for each test case, so one case reproduces without running the others. */
    public static long of(String... names) {
        long seed = BASE;
        for (String name : names) {
            seed = seed * 31 + name.hashCode();
        }
        return seed;
    }
}
