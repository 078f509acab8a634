package dev.meshlens.parser.json;

/**
 * A pull reader over JSON bytes, flyweight style: {@link #wrap} a range, then step through keys and values.
 * String tokens are reported as ranges of the input (without quotes); {@link #tokenEscaped()} says whether
 * the range needs {@link JsonStrings#unescape}. Nothing is allocated. Nesting deeper than
 * {@link #MAX_DEPTH} is an error, so nesting bombs cost nothing.
 */
public final class JsonReader {
    public static final int MAX_DEPTH = 32;

    public static final int ERROR = -1;
    public static final int END = 0;
    public static final int STRING = 1;
    public static final int NUMBER = 2;
    public static final int NULL = 3;
    public static final int TRUE = 4;
    public static final int FALSE = 5;
    /** The value is an object whose {@code {} was consumed: read it with {@link #nextKey()}. */
    public static final int OBJECT = 6;
    public static final int ARRAY = 7;

    private byte[] b;
    private int pos;
    private int end;
    private int tokenStart;
    private int tokenEnd;
    private boolean tokenEscaped;
    private boolean keyWasExpected;
    /** Whether the string {@link #stringEnd} last walked holds an escape. */
    private boolean stringEscaped;

    public JsonReader wrap(byte[] bytes, int offset, int end) {
        this.b = bytes;
        this.pos = offset;
        this.end = end;
        return this;
    }

    public int position() {
        return pos;
    }

    public int tokenStart() {
        return tokenStart;
    }

    public int tokenEnd() {
        return tokenEnd;
    }

    public boolean tokenEscaped() {
        return tokenEscaped;
    }

    /** Consumes the {@code {} that opens an object. */
    public boolean enterObject() {
        skipSpace();
        if (pos < end && b[pos] == '{') {
            pos++;
            return true;
        }
        return false;
    }

    /**
     * Reads the next key of the current object (the token range is the key) and its colon. Returns
     * {@link #STRING}, {@link #END} at the closing brace, or {@link #ERROR}.
     */
    public int nextKey() {
        return nextKey(null, KeyTable.NO_SLOT);
    }

    /**
     * {@link #nextKey()}, first checking whether the key is the one in slot {@code expected} of {@code keys},
     * written compactly ({@code ,"key":} or {@code "key":}): when it is ({@link #keyWasExpected()}), the key and
     * its colon are read with no search for its closing quote, no hash and no white space to skip.
     */
    public int nextKey(KeyTable keys, int expected) {
        int at = pos;
        if (at < end && b[at] == ',') {
            at++;
        }
        keyWasExpected = expected != KeyTable.NO_SLOT && at < end && b[at] == '"' && keys.isAt(expected, b, at + 1, end);
        if (keyWasExpected) {
            // The expected key holds no quote or backslash: it is the whole string, as a search would find.
            tokenStart = at + 1;
            tokenEnd = tokenStart + keys.length(expected);
            tokenEscaped = false;
            pos = tokenEnd + 2;
            return STRING;
        }
        return searchKey();
    }

    private int searchKey() {
        skipSpace();
        if (pos < end && b[pos] == ',') {
            pos++;
            skipSpace();
        }
        if (pos >= end) {
            return ERROR;
        }
        if (b[pos] == '}') {
            pos++;
            return END;
        }
        if (b[pos] != '"' || !readString()) {
            return ERROR;
        }
        skipSpace();
        if (pos >= end || b[pos] != ':') {
            return ERROR;
        }
        pos++;
        return STRING;
    }

    /** True when the key {@link #nextKey(KeyTable, int)} read last was the expected one. */
    public boolean keyWasExpected() {
        return keyWasExpected;
    }

    /** Reads the value after a key. For objects and arrays only the opening bracket is consumed. */
    public int nextValue() {
        skipSpace();
        if (pos >= end) {
            return ERROR;
        }
        byte c = b[pos];
        switch (c) {
            case '"':
                return readString() ? STRING : ERROR;
            case '{':
                pos++;
                return OBJECT;
            case '[':
                pos++;
                return ARRAY;
            case 'n':
                return literal('n', 'u', 'l', 'l') ? NULL : ERROR;
            case 't':
                return literal('t', 'r', 'u', 'e') ? TRUE : ERROR;
            case 'f':
                return literal('f', 'a', 'l', 's') && pos < end && b[pos++] == 'e' ? FALSE : ERROR;
            default:
                return c == '-' || (c >= '0' && c <= '9') ? readNumber() : ERROR;
        }
    }

    /** Bytes left to read: room enough to decode any string that follows. */
    public int remaining() {
        return end - pos;
    }

    /**
     * {@link #nextValue} for a value expected to be a string, decoded into {@code dst} at {@code dstOff} (which needs
     * {@link #remaining()} bytes of room) in the same pass that finds its end. Returns the end offset in {@code dst},
     * or -1 when the value is not a string, does not close or holds an invalid escape: then only white space was
     * consumed, and {@link #nextValue} reads the value as ever.
     */
    public int nextStringDecoded(byte[] dst, int dstOff) {
        skipSpace();
        if (pos >= end || b[pos] != '"') {
            return -1;
        }
        long decoded = JsonStrings.decodeToQuote(b, pos + 1, end, dst, dstOff);
        if (decoded < 0) {
            return -1;
        }
        int dstEnd = (int) decoded;
        tokenStart = pos + 1;
        tokenEnd = (int) (decoded >>> 32);
        // Every escape decodes to fewer bytes than it takes.
        tokenEscaped = dstEnd - dstOff != tokenEnd - tokenStart;
        pos = tokenEnd + 1;
        return dstEnd;
    }

    /**
     * Reads the next element of an array whose opening bracket {@link #nextValue} consumed: the element's type as
     * {@link #nextValue} gives it, or {@link #END} at the closing bracket. {@code first} says no comma comes before.
     */
    public int nextElement(boolean first) {
        skipSpace();
        if (pos < end && b[pos] == ']') {
            pos++;
            return END;
        }
        if (!first) {
            if (pos >= end || b[pos] != ',') {
                return ERROR;
            }
            pos++;
        }
        return nextValue();
    }

    /** Skips the rest of an object or array whose opening bracket {@link #nextValue} consumed. */
    public boolean skipContainer(int depth) {
        if (depth >= MAX_DEPTH) {
            return false;
        }
        int nesting = 1;
        while (pos < end) {
            byte c = b[pos++];
            if (c == '"') {
                int close = stringEnd(pos);
                if (close < 0) {
                    break;
                }
                pos = close + 1;
            } else if (c == '{' || c == '[') {
                if (++nesting + depth > MAX_DEPTH) {
                    return false;
                }
            } else if (c == '}' || c == ']') {
                if (--nesting == 0) {
                    return true;
                }
            }
        }
        // A backslash as the last byte stepped past the end: errors report offsets inside the input.
        pos = end;
        return false;
    }

    /** True when only white space is left. */
    public boolean atEnd() {
        skipSpace();
        return pos >= end;
    }

    private boolean readString() {
        int close = stringEnd(pos + 1);
        if (close < 0) {
            return false;
        }
        tokenStart = pos + 1;
        tokenEnd = close;
        tokenEscaped = stringEscaped;
        pos = close + 1;
        return true;
    }

    /** The closing quote of the string whose content starts at {@code from}, or -1. Sets {@link #stringEscaped}. */
    private int stringEnd(int from) {
        long found = JsonStrings.closingQuote(b, from, end);
        stringEscaped = (found & 1) != 0;
        return found < 0 ? -1 : (int) (found >>> 1);
    }

    private int readNumber() {
        int start = pos;
        while (pos < end) {
            byte c = b[pos];
            if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E') {
                pos++;
            } else {
                break;
            }
        }
        tokenStart = start;
        tokenEnd = pos;
        tokenEscaped = false;
        return NUMBER;
    }

    private boolean literal(char c0, char c1, char c2, char c3) {
        if (end - pos < 4 || b[pos] != c0 || b[pos + 1] != c1 || b[pos + 2] != c2 || b[pos + 3] != c3) {
            return false;
        }
        pos += 4;
        return true;
    }

    private void skipSpace() {
        // Most writers put no white space between tokens: one compare, small enough to stay inline.
        if (pos < end && b[pos] > ' ') {
            return;
        }
        skipSpaceRun();
    }

    private void skipSpaceRun() {
        while (pos < end) {
            byte c = b[pos];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }
}
