package dev.meshlens.parser.json;

import dev.meshlens.parser.event.Bytes;

/** JSON string escapes, decoded into a caller's buffer without allocating. */
public final class JsonStrings {
    private JsonStrings() {
    }

    /**
     * Decodes the escaped JSON string content {@code src[start, end)} into {@code dst} at {@code dstOff}
     * ({@code dst} needs {@code end - start} bytes of room: decoding never grows). Returns the end offset in
     * {@code dst}, or -1 for an invalid escape. Unpaired surrogates become U+FFFD.
     */
    public static int unescape(byte[] src, int start, int end, byte[] dst, int dstOff) {
        int o = dstOff;
        int i = start;
        while (i < end) {
            // Escapes are rare (a quote here and there in an access line): copy the runs between them whole.
            int escape = Bytes.indexOf(src, i, end, (byte) '\\');
            int runEnd = escape < 0 ? end : escape;
            System.arraycopy(src, i, dst, o, runEnd - i);
            o += runEnd - i;
            i = runEnd + 1;
            if (escape < 0) {
                break;
            }
            if (i >= end) {
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
        return o;
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
