package dev.meshlens.parser.json;

import dev.meshlens.parser.event.Bytes;
import java.nio.charset.StandardCharsets;

/** Maps JSON keys, as bytes, to small integer ids without allocating (open addressing over a fixed table). */
public final class KeyTable {
    public static final int MISSING = -1;

    private static final int SIZE = 256;
    private final byte[][] keys = new byte[SIZE][];
    private final int[] ids = new int[SIZE];

    public KeyTable put(String key, int id) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        int slot = hash(bytes, 0, bytes.length);
        while (keys[slot] != null) {
            slot = (slot + 1) & (SIZE - 1);
        }
        keys[slot] = bytes;
        ids[slot] = id;
        return this;
    }

    public int get(byte[] b, int off, int len) {
        int slot = hash(b, off, len);
        for (byte[] key; (key = keys[slot]) != null; slot = (slot + 1) & (SIZE - 1)) {
            if (Bytes.equals(key, b, off, len)) {
                return ids[slot];
            }
        }
        return MISSING;
    }

    private static int hash(byte[] b, int off, int len) {
        long h = len;
        if (len >= Long.BYTES) {
            // Two loads instead of a loop: the first and last eight bytes (keys that share a prefix, such as
            // upstream_host and upstream_cluster, differ at the end).
            h += Bytes.word(b, off) * 0x9E3779B97F4A7C15L + Bytes.word(b, off + len - Long.BYTES) * 0xC2B2AE3D27D4EB4FL;
        } else {
            for (int i = 0; i < len; i++) {
                h = 31 * h + b[off + i];
            }
        }
        h ^= h >>> 32;
        return (int) (h ^ (h >>> 16) ^ (h >>> 8)) & (SIZE - 1);
    }
}
