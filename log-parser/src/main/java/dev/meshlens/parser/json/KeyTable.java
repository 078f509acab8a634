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

    /** True when the key in {@code slot} stands at {@code b[off]}, closing quote included, before {@code end}. */
    boolean isAt(int slot, byte[] b, int off, int end) {
        int len = lengths[slot];
        return off + len < end && b[off + len] == '"' && firstWords[slot] == firstWord(b, off, len)
                && lastWords[slot] == lastWord(b, off, len)
                && (len <= 2 * Long.BYTES || Bytes.equals(keys[slot], b, off, len));
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
