package dev.meshlens.parser.event;

/**
 * Decodes a {@code %RESPONSE_FLAGS%} / {@code %RESPONSE_FLAGS_LONG%} value (comma separated, {@code -} for
 * none) into a bit set, without allocating.
 */
public final class ResponseFlags {
    /** Returned when the text is not a flag list at all (lower case, spaces, punctuation). */
    public static final long INVALID = -1L;

    private static final int TABLE_SIZE = 128;
    private static final byte[][] NAMES = new byte[TABLE_SIZE][];
    private static final ResponseFlag[] FLAGS = new ResponseFlag[TABLE_SIZE];

    static {
        for (ResponseFlag flag : ResponseFlag.values()) {
            if (flag != ResponseFlag.UNKNOWN) {
                put(flag.shortBytes(), flag);
                put(flag.longBytes(), flag);
            }
        }
    }

    private ResponseFlags() {
    }

    private static void put(byte[] name, ResponseFlag flag) {
        int slot = hash(name, 0, name.length);
        while (NAMES[slot] != null) {
            slot = (slot + 1) & (TABLE_SIZE - 1);
        }
        NAMES[slot] = name;
        FLAGS[slot] = flag;
    }

    private static int hash(byte[] b, int off, int len) {
        int h = len;
        for (int i = 0; i < len; i++) {
            h = h * 31 + b[off + i];
        }
        return (h ^ (h >>> 7)) & (TABLE_SIZE - 1);
    }

    /** The flag spelled by {@code b[off, off+len)}, short or long, or {@link ResponseFlag#UNKNOWN}. */
    public static ResponseFlag lookup(byte[] b, int off, int len) {
        int slot = hash(b, off, len);
        for (byte[] name; (name = NAMES[slot]) != null; slot = (slot + 1) & (TABLE_SIZE - 1)) {
            if (Bytes.equals(name, b, off, len)) {
                return FLAGS[slot];
            }
        }
        return ResponseFlag.UNKNOWN;
    }

    /**
     * Parses the flag list in {@code b[off, off+len)}. {@code -} (and an empty value) is no flag. A token made of
     * ASCII letters that no known flag spells sets {@link ResponseFlag#UNKNOWN}; anything else is
     * {@link #INVALID}.
     */
    public static long parse(byte[] b, int off, int len) {
        if (len == 0 || (len == 1 && b[off] == '-')) {
            return 0L;
        }
        long bits = 0L;
        int end = off + len;
        int start = off;
        for (int i = off; i <= end; i++) {
            if (i == end || b[i] == ',') {
                if (i == start) {
                    return INVALID;
                }
                bits |= lookup(b, start, i - start).bit();
                start = i + 1;
            } else if (!isLetter(b[i])) {
                return INVALID;
            }
        }
        return bits;
    }

    private static boolean isLetter(byte c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    /** Appends the short codes of {@code bits}, comma separated, for logs and tests. */
    public static String toShortString(long bits) {
        if (bits == 0) {
            return "-";
        }
        StringBuilder sb = new StringBuilder();
        for (ResponseFlag flag : ResponseFlag.values()) {
            if (flag.isSet(bits)) {
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(flag.shortCode());
            }
        }
        return sb.toString();
    }
}
