package dev.meshlens.parser.event;

import java.nio.charset.StandardCharsets;

/**
 * A reusable window on bytes that belong to someone else: a field of the current line. Valid until the event
 * it came from is reset. {@link #charAt} reads one byte as one char (exact for ASCII, which is what access
 * logs are made of); {@link #toString()} decodes UTF-8 and allocates, so keep it off the hot path.
 */
public final class ByteView implements CharSequence {
    private byte[] bytes = new byte[0];
    private int offset;
    private int length;

    public ByteView wrap(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
        return this;
    }

    public byte[] bytes() {
        return bytes;
    }

    public int offset() {
        return offset;
    }

    @Override
    public int length() {
        return length;
    }

    public byte byteAt(int index) {
        return bytes[offset + index];
    }

    @Override
    public char charAt(int index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException(index);
        }
        return (char) (bytes[offset + index] & 0xFF);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new ByteView().wrap(bytes, offset + start, end - start);
    }

    public boolean contentEquals(byte[] other) {
        return Bytes.equals(other, bytes, offset, length);
    }

    public boolean contentEquals(CharSequence other) {
        if (other.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if ((bytes[offset + i] & 0xFF) != other.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    public boolean startsWith(byte[] prefix) {
        return Bytes.startsWith(bytes, offset, offset + length, prefix);
    }

    public int indexOf(byte[] needle) {
        int at = Bytes.indexOf(bytes, offset, offset + length, needle);
        return at < 0 ? -1 : at - offset;
    }

    public int indexOf(byte value) {
        int at = Bytes.indexOf(bytes, offset, offset + length, value);
        return at < 0 ? -1 : at - offset;
    }


    @Override
    public String toString() {
        return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }
}
