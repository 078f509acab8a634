package dev.meshlens.parser.event;

/** Byte-range helpers shared by the parser's stages. */
public final class Bytes {
    private Bytes() {
    }

    public static boolean equals(byte[] expected, byte[] b, int off, int len) {
        if (expected.length != len) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (expected[i] != b[off + i]) {
                return false;
            }
        }
        return true;
    }

    public static boolean startsWith(byte[] b, int off, int end, byte[] prefix) {
        if (end - off < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[off + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Index of the first {@code needle} in {@code b[from, end)}, or -1. */
    public static int indexOf(byte[] b, int from, int end, byte[] needle) {
        if (needle.length == 0) {
            return from;
        }
        byte first = needle[0];
        int last = end - needle.length;
        for (int i = from; i <= last; i++) {
            if (b[i] == first && startsWith(b, i, end, needle)) {
                return i;
            }
        }
        return -1;
    }

    public static int indexOf(byte[] b, int from, int end, byte value) {
        for (int i = from; i < end; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }

    public static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** Parses unsigned decimal digits, or returns -1 when the range is empty, too long or not all digits. */
    public static long parseUnsigned(byte[] b, int off, int len) {
        if (len == 0 || len > 18) {
            return -1;
        }
        long value = 0;
        for (int i = off, end = off + len; i < end; i++) {
            byte c = b[i];
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** The given range with leading and trailing ASCII white space removed, as {@code (start << 32) | end}. */
    public static long trim(byte[] b, int off, int end) {
        while (off < end && isSpace(b[off])) {
            off++;
        }
        while (end > off && isSpace(b[end - 1])) {
            end--;
        }
        return ((long) off << 32) | end;
    }

    public static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
