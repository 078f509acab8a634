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
        int h = len;
        for (int i = 0; i < len; i++) {
            h = 31 * h + b[off + i];
        }
        return (h ^ (h >>> 8)) & (SIZE - 1);
    }
}
