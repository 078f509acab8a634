package dev.meshlens.parser.json;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer for writing JSON, reused line after line. Strings from the input are escaped and
 * checked as UTF-8 on the way in: invalid sequences become U+FFFD, so the output is always valid JSON.
 */
public final class JsonOutput {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);

    private byte[] buf = new byte[1024];
    private int len;
    private boolean needsComma;

    public JsonOutput reset() {
        len = 0;
        needsComma = false;
        return this;
    }

    public byte[] buffer() {
        return buf;
    }

    public int length() {
        return len;
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, len);
    }

    @Override
    public String toString() {
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }

    public JsonOutput beginObject() {
        comma();
        put((byte) '{');
        needsComma = false;
        return this;
    }

    public JsonOutput endObject() {
        put((byte) '}');
        needsComma = true;
        return this;
    }

    public JsonOutput beginArray() {
        comma();
        put((byte) '[');
        needsComma = false;
        return this;
    }

    public JsonOutput endArray() {
        put((byte) ']');
        needsComma = true;
        return this;
    }

    /** Writes {@code "key":}; {@code key} is a plain ASCII constant. */
    public JsonOutput key(byte[] key) {
        comma();
        put((byte) '"');
        put(key, 0, key.length);
        put((byte) '"');
        put((byte) ':');
        needsComma = false;
        return this;
    }

    public JsonOutput nullValue() {
        comma();
        put(NULL, 0, NULL.length);
        needsComma = true;
        return this;
    }

    public JsonOutput number(long value) {
        comma();
        if (value < 0) {
            put((byte) '-');
            value = -value;
        }
        int start = len;
        do {
            put((byte) ('0' + value % 10));
            value /= 10;
        } while (value > 0);
        reverse(start, len - 1);
        needsComma = true;
        return this;
    }

    /** A string value from raw bytes, escaped and UTF-8 checked. */
    public JsonOutput string(byte[] src, int off, int length) {
        comma();
        put((byte) '"');
        int end = off + length;
        int i = off;
        while (i < end) {
            int c = src[i] & 0xFF;
            if (c < 0x80) {
                if (c == '"' || c == '\\') {
                    put((byte) '\\');
                    put((byte) c);
                } else if (c < 0x20 || c == 0x7F) {
                    escapeControl(c);
                } else {
                    put((byte) c);
                }
                i++;
                continue;
            }
            int seq = utf8Length(src, i, end);
            if (seq < 0) {
                put(REPLACEMENT, 0, REPLACEMENT.length);
                i++;
            } else {
                put(src, i, seq);
                i += seq;
            }
        }
        put((byte) '"');
        needsComma = true;
        return this;
    }

    /** A string value from chars (escaped; non-ASCII chars are written as UTF-8). Allocation-free. */
    public JsonOutput string(CharSequence text) {
        comma();
        put((byte) '"');
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                put((byte) '\\');
                put((byte) c);
            } else if (c < 0x20 || c == 0x7F) {
                escapeControl(c);
            } else if (c < 0x80) {
                put((byte) c);
            } else {
                int cp = Character.isHighSurrogate(c) && i + 1 < n ? Character.toCodePoint(c, text.charAt(++i)) : c;
                putCodePoint(Character.isSurrogate((char) cp) && cp < 0x10000 ? 0xFFFD : cp);
            }
        }
        put((byte) '"');
        needsComma = true;
        return this;
    }

    private void putCodePoint(int cp) {
        if (len + 4 > buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        len = JsonStrings.putUtf8(cp, buf, len);
    }

    public JsonOutput bool(boolean value) {
        comma();
        byte[] text = value ? TRUE : FALSE;
        put(text, 0, text.length);
        needsComma = true;
        return this;
    }

    /** An ASCII constant as a string value. */
    public JsonOutput string(byte[] ascii) {
        return string(ascii, 0, ascii.length);
    }

    private void escapeControl(int c) {
        put((byte) '\\');
        put((byte) 'u');
        put((byte) '0');
        put((byte) '0');
        put(HEX[c >> 4]);
        put(HEX[c & 0xF]);
    }

    /** Length of the valid UTF-8 sequence starting at {@code i}, or -1. */
    private static int utf8Length(byte[] b, int i, int end) {
        int c = b[i] & 0xFF;
        int n;
        int min;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 2;
            min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 3;
            min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 4;
            min = 0x10000;
        } else {
            return -1;
        }
        if (end - i < n) {
            return -1;
        }
        int cp = c & (0xFF >> (n + 1));
        for (int k = 1; k < n; k++) {
            int cc = b[i + k] & 0xFF;
            if ((cc & 0xC0) != 0x80) {
                return -1;
            }
            cp = (cp << 6) | (cc & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            return -1;
        }
        return n;
    }

    private void comma() {
        if (needsComma) {
            put((byte) ',');
        }
    }

    private void reverse(int from, int to) {
        while (from < to) {
            byte t = buf[from];
            buf[from++] = buf[to];
            buf[to--] = t;
        }
    }

    public void put(byte b) {
        if (len == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        buf[len++] = b;
    }

    public void put(byte[] src, int off, int length) {
        if (len + length > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + length));
        }
        System.arraycopy(src, off, buf, len, length);
        len += length;
    }
}
