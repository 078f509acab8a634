package dev.meshlens.diagnosis;

import java.nio.charset.StandardCharsets;

/**
 * Turns byte ranges into shared {@link String}s, allocating only the first time a name is seen. The number
 * of distinct names is capped: past the cap every new name maps to {@link #OVERFLOW}, so memory follows the
 * cardinality of the mesh, never the volume of the log.
 */
public final class NameInterner {
    public static final String OVERFLOW = "(other)";

    private final int maxNames;
    private String[] names;
    private int[] hashes;
    private int size;

    public NameInterner(int maxNames) {
        this.maxNames = maxNames;
        int capacity = Integer.highestOneBit(Math.max(16, Math.min(maxNames, 1 << 20) * 2 - 1)) << 1;
        names = new String[Math.min(capacity, 1 << 22)];
        hashes = new int[names.length];
    }

    public int size() {
        return size;
    }

    public String intern(byte[] b, int off, int len) {
        int h = hash(b, off, len);
        int mask = names.length - 1;
        for (int slot = h & mask; ; slot = (slot + 1) & mask) {
            String name = names[slot];
            if (name == null) {
                if (size >= maxNames) {
                    return OVERFLOW;
                }
                String created = new String(b, off, len, StandardCharsets.UTF_8);
                names[slot] = created;
                hashes[slot] = h;
                if (++size * 2 > names.length) {
                    grow();
                }
                return created;
            }
            if (hashes[slot] == h && sameAscii(name, b, off, len)) {
                return name;
            }
        }
    }

    private static boolean sameAscii(String name, byte[] b, int off, int len) {
        if (name.length() != len) {
            // Non-ASCII names decode to fewer chars than bytes; compare them the slow way.
            return new String(b, off, len, StandardCharsets.UTF_8).equals(name);
        }
        for (int i = 0; i < len; i++) {
            if (name.charAt(i) != (b[off + i] & 0xFF)) {
                return b[off + i] < 0 && new String(b, off, len, StandardCharsets.UTF_8).equals(name);
            }
        }
        return true;
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
        int[] oldHashes = hashes;
        names = new String[oldNames.length * 2];
        hashes = new int[names.length];
        int mask = names.length - 1;
        for (int i = 0; i < oldNames.length; i++) {
            if (oldNames[i] != null) {
                int slot = oldHashes[i] & mask;
                while (names[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                names[slot] = oldNames[i];
                hashes[slot] = oldHashes[i];
            }
        }
    }
}
