package dev.meshlens.parser.json;

import dev.meshlens.parser.event.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Maps JSON keys, as bytes, to small integer ids without allocating (open addressing over a fixed table). A key
 * is looked up by its length and its first and last eight bytes, kept in the table itself: keys up to 16 bytes,
 * nearly all of them, are decided by those alone, with no byte loop and no load of a stored key's array.
 */
public final class KeyTable {
    public static final int MISSING = -1;

    /** Slots are below this. */
    static final int SIZE = 256;
    static final int NO_SLOT = -1;
    private static final int NO_KEY = -1;
    private final byte[][] keys = new byte[SIZE][];
    private final int[] lengths = new int[SIZE];
    private final long[] firstWords = new long[SIZE];
    private final long[] lastWords = new long[SIZE];
    private final int[] ids = new int[SIZE];
    /** Per slot, what {@link #isAt} compares: the key, its closing quote and a colon, as words (see there). */
    private final byte[][] patterns = new byte[SIZE][];
    private final long[] patternFirstWords = new long[SIZE];
    private final long[] patternLastWords = new long[SIZE];
    private final int[] patternMiddleFrom = new int[SIZE];
    private final int[] patternMiddleTo = new int[SIZE];
    private long[] patternMiddleWords = new long[0];

    public KeyTable() {
        Arrays.fill(lengths, NO_KEY);
    }

    public KeyTable put(String key, int id) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        long first = firstWord(bytes, 0, bytes.length);
        long last = lastWord(bytes, 0, bytes.length);
        int slot = slot(first, last, bytes.length);
        while (lengths[slot] != NO_KEY) {
            slot = (slot + 1) & (SIZE - 1);
        }
        keys[slot] = bytes;
        lengths[slot] = bytes.length;
        firstWords[slot] = first;
        lastWords[slot] = last;
        ids[slot] = id;
        putPattern(slot, (key + "\":").getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public int get(byte[] b, int off, int len) {
        return id(slot(b, off, len));
    }

    /** Where {@code b[off, off+len)} is kept, or {@link #NO_SLOT}. */
    int slot(byte[] b, int off, int len) {
        long first = firstWord(b, off, len);
        long last = lastWord(b, off, len);
        for (int slot = slot(first, last, len); lengths[slot] != NO_KEY; slot = (slot + 1) & (SIZE - 1)) {
            if (lengths[slot] == len && firstWords[slot] == first && lastWords[slot] == last
                    && (len <= 2 * Long.BYTES || Bytes.equals(keys[slot], b, off, len))) {
                return slot;
            }
        }
        return NO_SLOT;
    }

    /** The id of the key in {@code slot}, {@link #MISSING} for {@link #NO_SLOT}. */
    int id(int slot) {
        return slot == NO_SLOT ? MISSING : ids[slot];
    }

    int length(int slot) {
        return lengths[slot];
    }

    /**
     * True when the key in {@code slot} stands at {@code b[off]} with its closing quote and a colon right after,
     * before {@code end}: the compact form writers use, checked a word at a time with no search and no hash.
     */
    boolean isAt(int slot, byte[] b, int off, int end) {
        int len = patterns[slot].length;
        if (end - off < len) {
            return false;
        }
        if (len < Long.BYTES) {
            return off + Long.BYTES <= b.length
                    ? (Bytes.word(b, off) & ((1L << (len << 3)) - 1)) == patternFirstWords[slot]
                    : Bytes.equals(patterns[slot], b, off, len);
        }
        if (Bytes.word(b, off) != patternFirstWords[slot] || Bytes.word(b, off + len - Long.BYTES) != patternLastWords[slot]) {
            return false;
        }
        for (int w = patternMiddleFrom[slot], i = off + Long.BYTES; w < patternMiddleTo[slot]; w++, i += Long.BYTES) {
            if (Bytes.word(b, i) != patternMiddleWords[w]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Keeps {@code pattern}'s first eight bytes (all of a shorter one, zeros above), its last eight, and the whole
     * words between, which overlap the last one at most.
     */
    private void putPattern(int slot, byte[] pattern) {
        int len = pattern.length;
        patterns[slot] = pattern;
        patternFirstWords[slot] = firstWord(pattern, 0, len);
        patternLastWords[slot] = lastWord(pattern, 0, len);
        int from = patternMiddleWords.length;
        int middle = Math.max(0, (len - 1) / Long.BYTES - 1);
        patternMiddleWords = Arrays.copyOf(patternMiddleWords, from + middle);
        for (int w = 0; w < middle; w++) {
            patternMiddleWords[from + w] = Bytes.word(pattern, (w + 1) * Long.BYTES);
        }
        patternMiddleFrom[slot] = from;
        patternMiddleTo[slot] = from + middle;
    }

    /** The first eight bytes of the key, or all of a shorter key with zeros above. */
    private static long firstWord(byte[] b, int off, int len) {
        if (len >= Long.BYTES) {
            return Bytes.word(b, off);
        }
        if (off + Long.BYTES <= b.length) {
            // A key is followed by its closing quote and more: one load, the bytes past the key masked off.
            return Bytes.word(b, off) & ((1L << (len << 3)) - 1);
        }
        long word = 0;
        for (int i = len - 1; i >= 0; i--) {
            word = (word << 8) | (b[off + i] & 0xFF);
        }
        return word;
    }

    /** The last eight bytes of the key; for a shorter key, the same as {@link #firstWord}, which holds it all. */
    private static long lastWord(byte[] b, int off, int len) {
        return len >= Long.BYTES ? Bytes.word(b, off + len - Long.BYTES) : 0;
    }

    private static int slot(long first, long last, int len) {
        long h = (first * 0x9E3779B97F4A7C15L) ^ (last * 0xC2B2AE3D27D4EB4FL) ^ len;
        h ^= h >>> 29;
        return (int) (h * 0x94D049BB133111EBL >>> 56) & (SIZE - 1);
    }
}
