package dev.meshlens.parser.format;

import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.event.Bytes;
import dev.meshlens.parser.event.Field;
import dev.meshlens.parser.event.ParseStatus;
import java.util.List;

/**
 * An Envoy text format compiled into a matcher. Each operator's value runs up to the next occurrence of the
 * literal text that follows it; values must fit their field's type, which is what tells one preset from
 * another. A line may start at the request when its author cut the leading {@code [START_TIME] }.
 */
public final class LogFormat {
    private static final byte QUOTE = '"';
    /** {@code 2026-11-24T23:50:00.123Z}: how Envoy writes START_TIME by default. */
    private static final int ISO_MILLIS_LENGTH = 24;
    /** An operator MeshLens does not model, or a literal. */
    private static final byte SKIPPED = 0;
    /** Plain text: no conversion, no failure (most values of a line). */
    private static final byte TEXT = 1;
    /** A number: plain digits take the inline path, anything else the general conversion. */
    private static final byte NUMBER = 2;
    /** Time, flags, the cluster name: converted by {@link AccessEvent#set}. */
    private static final byte CONVERTED = 3;

    private final String name;
    private final String formatString;
    private final byte[][] literals;
    /** The first eight bytes (at most) of each literal, as one little-endian word, and the mask of those bytes. */
    private final long[] literalWords;
    private final long[] literalMasks;
    private final Field[] fields;
    /** How each value is stored: {@link #SKIPPED}, {@link #TEXT}, {@link #NUMBER} or {@link #CONVERTED}. */
    private final byte[] valueKinds;
    /** {@code fields[i].ordinal()}, or -1. */
    private final int[] ordinals;
    private final TimePattern[] timePatterns;
    private final boolean[] quoted;
    /** Unquoted values followed by a literal that starts with a space or a quote: the first separator ends them. */
    private final boolean[] separatorEnded;
    /** Unquoted values followed by exactly one space (most of a line): the first separator must be that space. */
    private final boolean[] spaceEnded;
    /** A START_TIME in Envoy's own layout, before a literal like {@code ] }: where its end is looked for first. */
    private final boolean[] isoTimeFirst;
    /** Tokens up to and including the response flags (or code): matching this far yields a partial event. */
    private final int partialThreshold;
    /** Index of the RESPONSE_CODE token (or the token count when there is none). */
    private final int codeToken;
    /** Token where a line without its leading {@code [START_TIME] } starts, or -1. */
    private final int requestEntry;

    private LogFormat(String name, String formatString, List<FormatGrammar.Token> tokens) {
        this.name = name;
        this.formatString = formatString;
        int n = tokens.size();
        literals = new byte[n][];
        literalWords = new long[n];
        literalMasks = new long[n];
        fields = new Field[n];
        valueKinds = new byte[n];
        ordinals = new int[n];
        timePatterns = new TimePattern[n];
        quoted = new boolean[n];
        separatorEnded = new boolean[n];
        spaceEnded = new boolean[n];
        isoTimeFirst = new boolean[n];
        int threshold = -1;
        for (int i = 0; i < n; i++) {
            FormatGrammar.Token token = tokens.get(i);
            literals[i] = token.literal();
            if (token.isLiteral()) {
                for (int k = 0; k < Math.min(Long.BYTES, token.literal().length); k++) {
                    literalWords[i] |= (token.literal()[k] & 0xFFL) << (k << 3);
                    literalMasks[i] |= 0xFFL << (k << 3);
                }
            }
            fields[i] = token.field();
            valueKinds[i] = valueKind(token);
            ordinals[i] = token.field() == null ? -1 : token.field().ordinal();
            timePatterns[i] = token.timePattern();
            if (token.field() == Field.RESPONSE_FLAGS || (token.field() == Field.RESPONSE_CODE && threshold < 0)) {
                threshold = i + 1;
            }
        }
        for (int i = 0; i < n; i++) {
            quoted[i] = !tokens.get(i).isLiteral() && endsWithQuote(i - 1) && startsWithQuote(i + 1);
            separatorEnded[i] = !tokens.get(i).isLiteral() && !quoted[i] && i + 1 < n && literals[i + 1] != null
                    && (literals[i + 1][0] == ' ' || literals[i + 1][0] == QUOTE);
            spaceEnded[i] = separatorEnded[i] && literals[i + 1].length == 1 && literals[i + 1][0] == ' ';
            isoTimeFirst[i] = fields[i] == Field.START_TIME && timePatterns[i] == null && i + 1 < n
                    && literals[i + 1] != null && literals[i + 1].length >= 2 && literals[i + 1][1] == ' ';
        }
        partialThreshold = threshold < 0 ? n : threshold;
        codeToken = indexOf(Field.RESPONSE_CODE);
        requestEntry = findRequestEntry();
    }

    private static byte valueKind(FormatGrammar.Token token) {
        if (token.field() == null) {
            return SKIPPED;
        }
        if (token.timePattern() != null) {
            return CONVERTED;
        }
        return switch (token.field().kind()) {
            case TEXT -> TEXT;
            case NUMBER -> NUMBER;
            default -> CONVERTED;
        };
    }

    public static LogFormat compile(String name, String formatString) {
        return new LogFormat(name, formatString, FormatGrammar.tokenize(formatString));
    }

    public String name() {
        return name;
    }

    public String formatString() {
        return formatString;
    }

    /** True when the format starts with an operator, whose value may look like a prefix (a bare START_TIME). */
    public boolean opensWithValue() {
        return literals[0] == null;
    }


    private int indexOf(Field field) {
        for (int i = 0; i < fields.length; i++) {
            if (fields[i] == field) {
                return i;
            }
        }
        return fields.length;
    }

    private boolean endsWithQuote(int i) {
        return i >= 0 && literals[i] != null && literals[i][literals[i].length - 1] == QUOTE;
    }

    private boolean startsWithQuote(int i) {
        return i < literals.length && literals[i] != null && literals[i][0] == QUOTE;
    }

    /** For {@code [%START_TIME%] "...}: the index of the literal after START_TIME, entered past its {@code ] }. */
    private int findRequestEntry() {
        if (literals.length > 3 && literals[0] != null && fields[1] == Field.START_TIME && literals[2] != null
                && literals[2].length >= 2 && literals[2][0] == ']' && literals[2][1] == ' ') {
            return 2;
        }
        return -1;
    }

    /**
     * Matches {@code b[off, end)} and fills {@code event}. Returns the number of tokens matched; the line is
     * fully decoded when that equals {@link #tokenCount()}, partially when it reaches
     * {@link #partialThreshold()}. On a short match the event's error offset and field say where it stopped.
     */
    public int match(byte[] b, int off, int end, AccessEvent event) {
        if (literals[0] != null && Bytes.startsWith(b, off, end, literals[0])) {
            return matchFrom(0, 0, b, off, end, event);
        }
        if (requestEntry >= 0 && off < end) {
            // "[START_TIME] " cut off: the line starts at the quote that opens the request, or at the method.
            int skip = b[off] == QUOTE ? 2 : literals[requestEntry].length;
            return matchFrom(requestEntry, skip, b, off, end, event);
        }
        return matchFrom(0, 0, b, off, end, event);
    }

    public int tokenCount() {
        return literals.length;
    }

    public int partialThreshold() {
        return partialThreshold;
    }

    private int matchFrom(int first, int literalSkip, byte[] b, int off, int end, AccessEvent event) {
        int matched = matchTokens(first, literalSkip, b, off, end, event);
        if (first > 0 && matched < codeToken && event.status() != ParseStatus.NOT_ACCESS_LOG) {
            // Without its timestamp, a line that fails before the status code is just some other text.
            event.status(ParseStatus.NOT_ACCESS_LOG, event.errorOffset(), null);
        }
        return matched;
    }

    private int matchTokens(int first, int literalSkip, byte[] b, int off, int end, AccessEvent event) {
        int pos = off;
        int n = literals.length;
        int source = event.sourceId(b);
        for (int i = first; i < n; i++) {
            byte[] literal = literals[i];
            if (literal != null) {
                int skip = i == first ? literalSkip : 0;
                int len = literal.length - skip;
                if (skip == 0 ? !literalAt(i, b, pos, end) : end - pos < len || !regionMatches(b, pos, literal, skip, len)) {
                    event.status(ParseStatus.NOT_ACCESS_LOG, pos, null);
                    return i;
                }
                pos += len;
                continue;
            }
            byte kind = valueKinds[i];
            if (kind == NUMBER && spaceEnded[i] && pos <= b.length - Long.BYTES) {
                // Up to 7 digits and the space after them read from one word: no search, no digit loop. Any
                // other value takes the general path below, which decides what is wrong with it.
                long word = Bytes.word(b, pos);
                int digits = Bytes.leadingDigits(word);
                if (digits > 0 && digits < Long.BYTES && pos + digits < end && Bytes.byteAt(word, digits) == ' '
                        && storeNumber(i, source, Bytes.digitsValue(word, digits), pos, digits, event)) {
                    pos += digits + 1;
                    i++;
                    continue;
                }
            }
            int valueEnd = end;
            byte[] next = i + 1 < n ? literals[i + 1] : null;
            boolean cut = false;
            if (next != null) {
                valueEnd = spaceEnded[i] ? spaceEnd(b, pos, end) : separatorEnded[i] ? separatorEnd(i + 1, b, pos, end)
                        : quoted[i] ? quotedEnd(i + 1, b, pos, end) : literalEnd(i + 1, b, pos, end);
                if (valueEnd == -1 && i + 1 == partialThreshold) {
                    // Cut right after the flags (or inside the text after them): what failed is known.
                    valueEnd = end - cutLiteralLength(b, pos, end, next);
                    cut = true;
                } else if (valueEnd == -1) {
                    event.status(ParseStatus.TRUNCATED, pos, fields[i]);
                    return i;
                }
            }
            boolean lastValue = next == null || cut;
            int len = valueEnd - pos;
            // Absent values and text inline: a call per value cost as much as finding its end.
            boolean absent = kind == SKIPPED || len == 1 && b[pos] == '-' || len == 0 && timePatterns[i] == null;
            if (valueEnd < 0 || lastValue && !quoted[i] && hasSeparator(b, pos, valueEnd)
                    || !absent && kind != TEXT && !convert(i, source, b, pos, len, event)) {
                event.status(ParseStatus.BAD_FIELD, pos, fields[i]);
                return i;
            }
            if (!absent && kind == TEXT) {
                event.setText(ordinals[i], source, pos, len);
            }
            if (lastValue) {
                pos = valueEnd;
            } else {
                // The literal after the value was matched by the search: step over both.
                pos = valueEnd + next.length;
                i++;
            }
        }
        if (pos != end) {
            // Text after the last literal: a longer format, or a line this format does not describe.
            event.status(ParseStatus.NOT_ACCESS_LOG, pos, null);
            return n - 1;
        }
        return n;
    }

    /**
     * End of an unquoted value followed by a literal that starts with a space or a quote: where that literal
     * starts, -1 when the line ends first, -2 when the other separator comes first (unquoted values never hold
     * one; one that does means the line is misaligned). The first separator decides, found 8 bytes a step.
     */
    private int separatorEnd(int next, byte[] b, int from, int end) {
        int at = Bytes.indexOfSpaceOrQuote(b, from, end);
        if (at < 0) {
            return -1;
        }
        if (literalAt(next, b, at, end)) {
            return at;
        }
        return b[at] == literals[next][0] && end - at < literals[next].length ? -1 : -2;
    }

    /** As {@link #separatorEnd}, for a literal that is one space: the separator found is the literal, or a quote. */
    private static int spaceEnd(byte[] b, int from, int end) {
        int at = Bytes.indexOfSpaceOrQuote(b, from, end);
        return at < 0 ? -1 : b[at] == ' ' ? at : -2;
    }

    /** Stores number {@code i} when it fits its field; false sends the value down the general path. */
    private boolean storeNumber(int i, int source, long value, int start, int len, AccessEvent event) {
        if (value > 999 && fields[i] == Field.RESPONSE_CODE) {
            return false;
        }
        event.setNumber(fields[i], value, source, start, len);
        return true;
    }

    /** True when literal {@code i} stands at {@code b[at]}: one masked word compare for the short ones. */
    private boolean literalAt(int i, byte[] b, int at, int end) {
        byte[] literal = literals[i];
        if (end - at < literal.length) {
            return false;
        }
        if (literal.length <= Long.BYTES && at <= b.length - Long.BYTES) {
            return (Bytes.word(b, at) & literalMasks[i]) == literalWords[i];
        }
        return regionMatches(b, at, literal, 0, literal.length);
    }

    /** As {@link #separatorEnd}, for a literal that starts with another byte (a {@code ]}, a comma...). */
    private int literalEnd(int nextLiteral, byte[] b, int from, int end) {
        byte[] next = literals[nextLiteral];
        int isoEnd = from + ISO_MILLIS_LENGTH;
        if (isoTimeFirst[nextLiteral - 1] && literalAt(nextLiteral, b, isoEnd, end)
                && (Bytes.spacesOrQuotes(Bytes.word(b, from)) | Bytes.spacesOrQuotes(Bytes.word(b, from + 8))
                        | Bytes.spacesOrQuotes(Bytes.word(b, from + 16))) == 0) {
            // The search below would find this too: an earlier match needs the literal's space before isoEnd.
            return isoEnd;
        }
        // Two word-at-a-time searches instead of a byte loop over the value (START_TIME: 24 bytes).
        int separator = Bytes.indexOfSpaceOrQuote(b, from, end);
        int limit = separator < 0 ? end : separator;
        for (int at = Bytes.indexOf(b, from, limit, next[0]); at >= 0; at = Bytes.indexOf(b, at + 1, limit, next[0])) {
            if (literalAt(nextLiteral, b, at, end)) {
                return at;
            }
            if (end - at < next.length) {
                return -1;
            }
        }
        return separator < 0 ? -1 : -2;
    }

    /** End of a quoted value: where {@code next} (which starts with a quote) starts, or -1. */
    private int quotedEnd(int nextLiteral, byte[] b, int from, int end) {
        byte[] next = literals[nextLiteral];
        if (next[0] != QUOTE) {
            return Bytes.indexOf(b, from, end, next);
        }
        for (int at = Bytes.indexOfQuote(b, from, end); at >= 0; at = Bytes.indexOfQuote(b, at + 1, end)) {
            if (literalAt(nextLiteral, b, at, end)) {
                return at;
            }
        }
        return -1;
    }

    /** Unquoted values never hold a space or a quote; one that does means the line is misaligned. */
    private static boolean hasSeparator(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == ' ' || b[i] == QUOTE) {
                return true;
            }
        }
        return false;
    }

    /** How much of the start of {@code literal} ends the line: a cut inside it, at most all but its last byte. */
    private static int cutLiteralLength(byte[] b, int from, int end, byte[] literal) {
        for (int k = Math.min(literal.length - 1, end - from); k > 0; k--) {
            if (regionMatches(b, end - k, literal, 0, k)) {
                return k;
            }
        }
        return 0;
    }

    private static boolean regionMatches(byte[] b, int pos, byte[] literal, int from, int len) {
        for (int k = 0; k < len; k++) {
            if (b[pos + k] != literal[from + k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Stores present value {@code i}, {@code b[start, start+len)}, of a kind other than text: plain numbers
     * directly, the rest through the general conversion. False when the value does not fit its field.
     */
    private boolean convert(int i, int source, byte[] b, int start, int len, AccessEvent event) {
        long value = valueKinds[i] == NUMBER ? Bytes.parseUnsigned(b, start, len) : -1;
        return value >= 0 && storeNumber(i, source, value, start, len, event) || setValue(i, b, start, start + len, event);
    }

    /** Value {@code i}, present and not text (the matcher sets absent and text values itself). */
    private boolean setValue(int i, byte[] b, int start, int end, AccessEvent event) {
        Field field = fields[i];
        TimePattern pattern = timePatterns[i];
        if (pattern != null) {
            long millis = pattern.parseMillis(b, start, end - start);
            if (millis == AccessEvent.NO_TIME) {
                return false;
            }
            event.setStartTime(millis, b, start, end - start);
            return true;
        }
        return event.set(field, b, start, end - start);
    }

    @Override
    public String toString() {
        return name + ": " + formatString;
    }
}
