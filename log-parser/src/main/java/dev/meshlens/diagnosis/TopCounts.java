package dev.meshlens.diagnosis;

import java.util.ArrayList;
import java.util.List;

/**
 * Approximate top-k counting in fixed memory (Metwally et al.'s Space-Saving): when full, a new key takes
 * the slot of the smallest count and inherits it, so heavy hitters are never lost. Keys should be interned
 * (see {@link NameInterner}): lookups compare by identity first.
 */
public final class TopCounts {
    /** One counted key. */
    public record Entry(String key, long count) {
    }

    private final String[] keys;
    private final long[] counts;
    private int size;

    public TopCounts(int capacity) {
        keys = new String[capacity];
        counts = new long[capacity];
    }

    public void add(String key) {
        add(key, 1);
    }

    public void add(String key, long count) {
        for (int i = 0; i < size; i++) {
            if (keys[i] == key || keys[i].equals(key)) {
                counts[i] += count;
                return;
            }
        }
        if (size < keys.length) {
            keys[size] = key;
            counts[size++] = count;
            return;
        }
        int min = 0;
        for (int i = 1; i < size; i++) {
            if (counts[i] < counts[min]) {
                min = i;
            }
        }
        keys[min] = key;
        counts[min] += count;
    }

    public void addAll(TopCounts other) {
        for (int i = 0; i < other.size; i++) {
            add(other.keys[i], other.counts[i]);
        }
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The {@code n} largest counts, largest first (ties by key). */
    public List<Entry> top(int n) {
        List<Entry> entries = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            entries.add(new Entry(keys[i], counts[i]));
        }
        entries.sort((a, b) -> a.count != b.count ? Long.compare(b.count, a.count) : a.key.compareTo(b.key));
        return entries.subList(0, Math.min(n, entries.size()));
    }
}
