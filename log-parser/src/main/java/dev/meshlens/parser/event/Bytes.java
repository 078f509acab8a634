package dev.meshlens.parser.event;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Byte-range helpers shared by the parser's stages. */
public final class Bytes {
    /** Reads eight bytes at once; the JIT turns it into one load. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long SPACES = ' ' * ONES;
    private static final long QUOTES = '"' * ONES;
    private static final long BACKSLASHES = '\\' * ONES;
    private static final long ZEROS = '0' * ONES;
    private static final long HIGH_NIBBLES = 0xF0 * ONES;
    private static final long SIXES = 6 * ONES;
    private static final long FOURTH_BITS = 0x10 * ONES;

    private Bytes() {
    }

    /**
     * Index of the first space or double quote in {@code b[from, end)}, or -1: the separators of every Envoy and
     * Istio preset. Eight bytes per step (SWAR): the lowest flagged byte of a word is always a true match.
     */
    public static int indexOfSpaceOrQuote(byte[] b, int from, int end) {
        return indexOfEither(b, from, end, SPACES, QUOTES);
    }

    /** Index of the first double quote or backslash in {@code b[from, end)}, or -1: where a JSON string's run ends. */
    public static int indexOfQuoteOrBackslash(byte[] b, int from, int end) {
        return indexOfEither(b, from, end, QUOTES, BACKSLASHES);
    }

    /** Index of the first byte of {@code b[from, end)} equal to any byte of either pattern, or -1. */
    private static int indexOfEither(byte[] b, int from, int end, long one, long other) {
        int i = from;
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            long word = (long) LONGS.get(b, i);
            long found = zeroBytes(word ^ one) | zeroBytes(word ^ other);
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < end; i++) {
            if (b[i] == (byte) one || b[i] == (byte) other) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the first double quote in {@code b[from, end)}, or -1, eight bytes per step. */
    public static int indexOfQuote(byte[] b, int from, int end) {
        return indexOf(b, from, end, (byte) '"');
    }

    /** The eight bytes at {@code b[i]}, the first in the lowest bits. */
    public static long word(byte[] b, int i) {
        return (long) LONGS.get(b, i);
    }

    /**
     * How many of the bytes of {@code word} are ASCII digits before the first that is not (8: all of them).
     * A byte is a digit when, XOR '0', its high nibble is 0 and adding 6 does not carry into bit 4; a carry out
     * of a non-digit byte only disturbs the bytes above it, so the lowest flagged byte is exact.
     */
    public static int leadingDigits(long word) {
        long x = word ^ ZEROS;
        long nonDigits = (x & HIGH_NIBBLES) | ((x + SIXES) & FOURTH_BITS);
        return Long.numberOfTrailingZeros(nonDigits) >>> 3;
    }

    /** The value of the first {@code count} (1 to 8) bytes of {@code word}, all ASCII digits, without a loop. */
    public static long digitsValue(long word, int count) {
        // The digits moved to the top bytes, behind leading zeros, then pairs, quads and octets combined.
        long x = (word ^ ZEROS) << ((Long.BYTES - count) << 3);
        x = (x * 10 + (x >>> 8)) & 0x00FF00FF00FF00FFL;
        x = (x * 100 + (x >>> 16)) & 0x0000FFFF0000FFFFL;
        return (x * 10000 + (x >>> 32)) & 0xFFFFFFFFL;
    }

    /** Byte {@code index} (0 to 7) of {@code word}, unsigned. */
    public static int byteAt(long word, int index) {
        return (int) (word >>> (index << 3)) & 0xFF;
    }

    /** High bit set in each byte of {@code word} that is a space or a double quote (exact up to the lowest one). */
    public static long spacesOrQuotes(long word) {
        return zeroBytes(word ^ SPACES) | zeroBytes(word ^ QUOTES);
    }

    /** High bit set in each byte of {@code x} that is zero (exact up to the lowest one). */
    private static long zeroBytes(long x) {
        return (x - ONES) & ~x & HIGHS;
    }

    /** True when {@code b[off, off+len)} holds exactly {@code expected}; eight bytes per step (JSON keys, flags). */
    public static boolean equals(byte[] expected, byte[] b, int off, int len) {
        if (expected.length != len) {
            return false;
        }
        int i = 0;
        for (; i + Long.BYTES <= len; i += Long.BYTES) {
            if (word(expected, i) != word(b, off + i)) {
                return false;
            }
        }
        for (; i < len; i++) {
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

    /** Index of the first {@code value} in {@code b[from, end)}, or -1, eight bytes per step. */
    public static int indexOf(byte[] b, int from, int end, byte value) {
        long pattern = (value & 0xFFL) * ONES;
        int i = from;
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            long found = zeroBytes((long) LONGS.get(b, i) ^ pattern);
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < end; i++) {
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
