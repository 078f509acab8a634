package dev.meshlens.parser.json;

import dev.meshlens.parser.event.Bytes;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** JSON string escapes, found and decoded eight bytes a step into a caller's buffer without allocating. */
public final class JsonStrings {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long LOW_SEVEN_BITS = 0x7F7F7F7F7F7F7F7FL;
    private static final long QUOTES = '"' * ONES;
    private static final long BACKSLASHES = '\\' * ONES;

    private JsonStrings() {
    }

    /**
     * The closing quote of the string whose content starts at {@code b[from]}, searched up to {@code end}:
     * {@code (index << 1) | 1} when the content holds an escape, {@code index << 1} when not, -1 when the string
     * does not close. Eight bytes a step even through escapes: pod annotations carry whole JSON documents as
     * strings, a {@code \"} every few bytes, and restarting the search after each one cost more than the rest.
     */
    static long closingQuote(byte[] b, int from, int end) {
        int i = from;
        // 0x80 when the word's first byte is escaped by a backslash that ended the word before.
        long escapedFirst = 0;
        long backslashesSeen = 0;
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            long word = Bytes.word(b, i);
            long quotes = zeroBytes(word ^ QUOTES);
            long backslashes = zeroBytes(word ^ BACKSLASHES);
            long escaped = (backslashes << 8) | escapedFirst;
            if ((backslashes & escaped) != 0) {
                // A backslash escaped by the one before it escapes nothing itself: resolved low to high. Without
                // such a pair (nearly always: \" and \n, not \\) every backslash escapes the byte after it.
                escaped = escapedFirst;
                for (long rest = backslashes; rest != 0; rest &= rest - 1) {
                    long backslash = rest & -rest;
                    if ((escaped & backslash) == 0) {
                        escaped |= backslash << 8;
                    }
                }
            }
            long closing = quotes & ~escaped;
            if (closing != 0) {
                long before = (closing & -closing) - 1;
                long sawEscape = (backslashesSeen | (backslashes & before)) != 0 ? 1 : 0;
                return ((long) (i + (Long.numberOfTrailingZeros(closing) >>> 3)) << 1) | sawEscape;
            }
            backslashesSeen |= backslashes;
            escapedFirst = (backslashes & ~escaped) >>> 56;
        }
        boolean escapeNext = escapedFirst != 0;
        long sawEscape = backslashesSeen != 0 ? 1 : 0;
        for (; i < end; i++) {
            if (escapeNext) {
                escapeNext = false;
            } else if (b[i] == '\\') {
                escapeNext = true;
                sawEscape = 1;
            } else if (b[i] == '"') {
                return ((long) i << 1) | sawEscape;
            }
        }
        return -1;
    }

    /** Bit 7 set in exactly the bytes of {@code x} that are zero. */
    private static long zeroBytes(long x) {
        return ~(((x & LOW_SEVEN_BITS) + LOW_SEVEN_BITS) | x | LOW_SEVEN_BITS);
    }

    /** Bit 7 set in the lowest zero byte of {@code x}, maybe in bytes above it too; none when none is zero. */
    private static long lowestZeroByte(long x) {
        return (x - ONES) & ~x & ~LOW_SEVEN_BITS;
    }

    /**
     * Decodes the escaped JSON string content {@code src[start, end)} into {@code dst} at {@code dstOff}
     * ({@code dst} needs {@code end - start} bytes of room, which may be written to beyond the result: decoding
     * never grows). Returns the end offset in {@code dst}, or -1 for an invalid escape. Unpaired surrogates become
     * U+FFFD.
     */
    public static int unescape(byte[] src, int start, int end, byte[] dst, int dstOff) {
        long decoded = decode(src, start, end, dst, dstOff, (byte) '\\');
        return decoded < 0 ? -1 : (int) decoded;
    }

    /**
     * Decodes the JSON string whose content starts at {@code src[start]} in the same pass that finds its closing
     * quote (searched up to {@code end}): {@code (quote index << 32) | end offset in dst}, or -1 when the string
     * does not close or holds an invalid escape. {@code dst} needs {@code end - start} bytes of room at
     * {@code dstOff}, written to as {@link #unescape} does.
     */
    static long decodeToQuote(byte[] src, int start, int end, byte[] dst, int dstOff) {
        return decode(src, start, end, dst, dstOff, (byte) '"');
    }

    /**
     * {@link #unescape} up to {@code end} or the first unescaped {@code stop} byte: a quote, or a backslash to go
     * on to {@code end}. Returns {@code (stop index << 32) | end offset in dst}, the stop index being {@code end}
     * for a backslash, or -1.
     */
    private static long decode(byte[] src, int start, int end, byte[] dst, int dstOff, byte stop) {
        long stops = (stop & 0xFFL) * ONES;
        int o = dstOff;
        int i = start;
        while (true) {
            // Copy eight bytes a step up to the next backslash or stop. A word is stored whole even past it:
            // decoding never grows, so while eight source bytes are left eight bytes of room are too, and what
            // lands past the backslash is written over next.
            while (i + Long.BYTES <= end) {
                long word = Bytes.word(src, i);
                LONGS.set(dst, o, word);
                long found = lowestZeroByte(word ^ BACKSLASHES) | lowestZeroByte(word ^ stops);
                if (found != 0) {
                    int run = Long.numberOfTrailingZeros(found) >>> 3;
                    i += run;
                    o += run;
                    break;
                }
                i += Long.BYTES;
                o += Long.BYTES;
            }
            while (i < end && src[i] != '\\' && src[i] != stop) {
                dst[o++] = src[i++];
            }
            if (i >= end) {
                return stop == '\\' ? ((long) end << 32) | o : -1;
            }
            if (src[i] != '\\') {
                return ((long) i << 32) | o;
            }
            if (++i >= end) {
                return -1;
            }
            byte e = src[i++];
            switch (e) {
                case '"', '\\', '/' -> dst[o++] = e;
                case 'n' -> dst[o++] = '\n';
                case 't' -> dst[o++] = '\t';
                case 'r' -> dst[o++] = '\r';
                case 'b' -> dst[o++] = '\b';
                case 'f' -> dst[o++] = '\f';
                case 'u' -> {
                    int cp = hex4(src, i, end);
                    if (cp < 0) {
                        return -1;
                    }
                    i += 4;
                    if (cp >= 0xD800 && cp <= 0xDBFF && end - i >= 6 && src[i] == '\\' && src[i + 1] == 'u') {
                        int low = hex4(src, i + 2, end);
                        if (low >= 0xDC00 && low <= 0xDFFF) {
                            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                            i += 6;
                        }
                    }
                    if (cp >= 0xD800 && cp <= 0xDFFF) {
                        cp = 0xFFFD;
                    }
                    o = putUtf8(cp, dst, o);
                }
                default -> {
                    return -1;
                }
            }
        }
    }

    private static int hex4(byte[] b, int i, int end) {
        if (end - i < 4) {
            return -1;
        }
        int v = 0;
        for (int k = 0; k < 4; k++) {
            int d = Character.digit(b[i + k], 16);
            if (d < 0) {
                return -1;
            }
            v = (v << 4) | d;
        }
        return v;
    }

    /** Writes a code point as UTF-8 (at most 4 bytes; a {@code \\uXXXX} escape is 6, so it always fits). */
    static int putUtf8(int cp, byte[] dst, int o) {
        if (cp < 0x80) {
            dst[o++] = (byte) cp;
        } else if (cp < 0x800) {
            dst[o++] = (byte) (0xC0 | (cp >> 6));
            dst[o++] = (byte) (0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            dst[o++] = (byte) (0xE0 | (cp >> 12));
            dst[o++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            dst[o++] = (byte) (0x80 | (cp & 0x3F));
        } else {
            dst[o++] = (byte) (0xF0 | (cp >> 18));
            dst[o++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
            dst[o++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            dst[o++] = (byte) (0x80 | (cp & 0x3F));
        }
        return o;
    }
}
