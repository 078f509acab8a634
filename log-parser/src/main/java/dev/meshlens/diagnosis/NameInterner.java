package dev.meshlens.diagnosis;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns byte ranges into shared {@link String}s, allocating only the first time a name is seen. The number
 * of distinct names is capped: past the cap every new name maps to {@link #OVERFLOW}, so memory follows the
 * cardinality of the mesh, never the volume of the log.
 */
public final class NameInterner {
    public static final String OVERFLOW = "(other)";

    private final int maxNames;
    private String[] names;
    /** Each name's bytes as given: a lookup compares bytes, never decodes. */
    private byte[][] encoded;
    private int[] hashes;
    private int size;

    public NameInterner(int maxNames) {
        this.maxNames = maxNames;
        int capacity = Integer.highestOneBit(Math.max(16, Math.min(maxNames, 1 << 20) * 2 - 1)) << 1;
        names = new String[Math.min(capacity, 1 << 22)];
        encoded = new byte[names.length][];
        hashes = new int[names.length];
    }

    public int size() {
        return size;
    }

    public String intern(byte[] b, int off, int len) {
        int h = hash(b, off, len);
        int mask = names.length - 1;
        for (int slot = h & mask; ; slot = (slot + 1) & mask) {
            byte[] known = encoded[slot];
            if (known == null) {
                if (size >= maxNames) {
                    return OVERFLOW;
                }
                String created = new String(b, off, len, StandardCharsets.UTF_8);
                names[slot] = created;
                encoded[slot] = Arrays.copyOfRange(b, off, off + len);
                hashes[slot] = h;
                if (++size * 2 > names.length) {
                    grow();
                }
                return created;
            }
            if (hashes[slot] == h && Arrays.equals(known, 0, known.length, b, off, off + len)) {
                return names[slot];
            }
        }
    }

    private static int hash(byte[] b, int off, int len) {
        int h = 0;
        for (int i = off, end = off + len; i < end; i++) {
            h = 31 * h + b[i];
        }
        return h ^ (h >>> 16);
    }

    private void grow() {
        String[] oldNames = names;
        byte[][] oldEncoded = encoded;
        int[] oldHashes = hashes;
        names = new String[oldNames.length * 2];
        encoded = new byte[names.length][];
        hashes = new int[names.length];
        int mask = names.length - 1;
        for (int i = 0; i < oldNames.length; i++) {
            if (oldNames[i] != null) {
                int slot = oldHashes[i] & mask;
                while (names[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                names[slot] = oldNames[i];
                encoded[slot] = oldEncoded[i];
                hashes[slot] = oldHashes[i];
            }
        }
    }
}
