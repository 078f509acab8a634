package dev.meshlens.app.diagnose;

import java.util.ArrayList;
import java.util.List;

/**
 * Approximate top-k counting in fixed memory (Metwally et al.'s Space-Saving): when full, a new key takes
 * the slot of the smallest count and inherits it, so heavy hitters are never lost. Keys are interned
 * strings, compared by identity.
 */
final class TopCounter {
    record Entry(String key, long count) {
    }

    private final String[] keys;
    private final long[] counts;
    private int size;

    TopCounter(int capacity) {
        keys = new String[capacity];
        counts = new long[capacity];
    }

    void add(String key) {
        for (int i = 0; i < size; i++) {
            if (keys[i] == key) {
                counts[i]++;
                return;
            }
        }
        if (size < keys.length) {
            keys[size] = key;
            counts[size++] = 1;
            return;
        }
        int min = 0;
        for (int i = 1; i < size; i++) {
            if (counts[i] < counts[min]) {
                min = i;
            }
        }
        keys[min] = key;
        counts[min]++;
    }

    List<Entry> top(int n) {
        List<Entry> entries = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            entries.add(new Entry(keys[i], counts[i]));
        }
        entries.sort((a, b) -> a.count != b.count ? Long.compare(b.count, a.count) : a.key.compareTo(b.key));
        return entries.subList(0, Math.min(n, entries.size()));
    }
}
