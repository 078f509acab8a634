package dev.meshlens.app.diagnose;

import java.util.Arrays;
import java.util.TreeMap;

/** Counts per time window, keyed by window start, in an open-addressing table of primitives. */
final class WindowCounts {
    private static final long EMPTY = Long.MIN_VALUE;

    private long[] starts = new long[16];
    private long[] counts = new long[16];
    private int size;

    WindowCounts() {
        Arrays.fill(starts, EMPTY);
    }

    void increment(long windowStart) {
        int mask = starts.length - 1;
        int slot = Long.hashCode(windowStart * 0x9E3779B97F4A7C15L) & mask;
        while (starts[slot] != EMPTY && starts[slot] != windowStart) {
            slot = (slot + 1) & mask;
        }
        if (starts[slot] == EMPTY) {
            starts[slot] = windowStart;
            if (++size * 2 > starts.length) {
                counts[slot]++;
                grow();
                return;
            }
        }
        counts[slot]++;
    }

    /** Window start to count, in time order. */
    TreeMap<Long, Long> sorted() {
        TreeMap<Long, Long> map = new TreeMap<>();
        for (int i = 0; i < starts.length; i++) {
            if (starts[i] != EMPTY) {
                map.put(starts[i], counts[i]);
            }
        }
        return map;
    }

    private void grow() {
        long[] oldStarts = starts;
        long[] oldCounts = counts;
        starts = new long[oldStarts.length * 2];
        counts = new long[starts.length];
        Arrays.fill(starts, EMPTY);
        int mask = starts.length - 1;
        for (int i = 0; i < oldStarts.length; i++) {
            if (oldStarts[i] != EMPTY) {
                int slot = Long.hashCode(oldStarts[i] * 0x9E3779B97F4A7C15L) & mask;
                while (starts[slot] != EMPTY) {
                    slot = (slot + 1) & mask;
                }
                starts[slot] = oldStarts[i];
                counts[slot] = oldCounts[i];
            }
        }
    }
}
