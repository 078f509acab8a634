package dev.meshlens.parser.format;

import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.event.Bytes;
import dev.meshlens.parser.event.Field;
import dev.meshlens.parser.event.IsoTime;
import dev.meshlens.parser.event.ResponseFlags;

/**
 * The moves a matcher makes over a line, each a static method of what one token needs: {@link LogFormat}'s
 * token loop calls them with a token's values read from its arrays, a {@link MatcherCompiler generated matcher}
 * with the same values as constants, so both decode a line by the same code.
 */
final class MatchSteps {
    static final byte QUOTE = '"';
    /** {@code 2026-11-24T23:50:00.123Z}: how Envoy writes START_TIME by default. */
    static final int ISO_MILLIS_LENGTH = 24;

    /** An operator MeshLens does not model, or a literal. */
    static final byte SKIPPED = 0;
    /** Plain text: no conversion, no failure (most values of a line). */
    static final byte TEXT = 1;
    /** A number: plain digits take the inline path, anything else the general conversion. */
    static final byte NUMBER = 2;
    /** Time, flags, the cluster name: converted by {@link AccessEvent#set}. */
    static final byte CONVERTED = 3;

    private MatchSteps() {
    }

    /**
     * True when {@code literal} stands at {@code b[at]}: one masked word compare ({@code word}, {@code mask}: its
     * first eight bytes at most, little-endian) for the short ones.
     */
    static boolean literalAt(byte[] b, int at, int end, byte[] literal, long word, long mask) {
        if (end - at < literal.length) {
            return false;
        }
        if (literal.length <= Long.BYTES && at <= b.length - Long.BYTES) {
            return (Bytes.word(b, at) & mask) == word;
        }
        return regionMatches(b, at, literal, 0, literal.length);
    }

    /**
     * For an unquoted value followed by exactly one space (most of a line): where that space is, -1 when the
     * line ends first, -2 when a quote comes first (unquoted values never hold one).
     */
    static int spaceEnd(byte[] b, int from, int end) {
        int at = Bytes.indexOfSpaceOrQuote(b, from, end);
        return at < 0 ? -1 : b[at] == ' ' ? at : -2;
    }

    /**
     * End of an unquoted value followed by a literal that starts with a space or a quote: where that literal
     * starts, -1 when the line ends first, -2 when the other separator comes first (the line is misaligned).
     * The first separator decides, found 8 bytes a step.
     */
    static int separatorEnd(byte[] b, int from, int end, byte[] next, long word, long mask) {
        int at = Bytes.indexOfSpaceOrQuote(b, from, end);
        if (at < 0) {
            return -1;
        }
        if (literalAt(b, at, end, next, word, mask)) {
            return at;
        }
        return b[at] == next[0] && end - at < next.length ? -1 : -2;
    }

    /**
     * As {@link #separatorEnd}, for a literal that starts with another byte (a {@code ]}, a comma...).
     * {@code isoTimeFirst}: the value is a START_TIME in Envoy's own layout, whose end is looked for first.
     */
    static int literalEnd(byte[] b, int from, int end, byte[] next, long word, long mask, boolean isoTimeFirst) {
        int isoEnd = from + ISO_MILLIS_LENGTH;
        if (isoTimeFirst && literalAt(b, isoEnd, end, next, word, mask)
                && (Bytes.spacesOrQuotes(Bytes.word(b, from)) | Bytes.spacesOrQuotes(Bytes.word(b, from + 8))
                        | Bytes.spacesOrQuotes(Bytes.word(b, from + 16))) == 0) {
            // The search below would find this too: an earlier match needs the literal's space before isoEnd.
            return isoEnd;
        }
        // Two word-at-a-time searches instead of a byte loop over the value (START_TIME: 24 bytes).
        int separator = Bytes.indexOfSpaceOrQuote(b, from, end);
        int limit = separator < 0 ? end : separator;
        for (int at = Bytes.indexOf(b, from, limit, next[0]); at >= 0; at = Bytes.indexOf(b, at + 1, limit, next[0])) {
            if (literalAt(b, at, end, next, word, mask)) {
                return at;
            }
            if (end - at < next.length) {
                return -1;
            }
        }
        return separator < 0 ? -1 : -2;
    }

    /** End of a quoted value: where {@code next} (which starts with a quote) starts, or -1. */
    static int quotedEnd(byte[] b, int from, int end, byte[] next, long word, long mask) {
        if (next[0] != QUOTE) {
            return Bytes.indexOf(b, from, end, next);
        }
        for (int at = Bytes.indexOfQuote(b, from, end); at >= 0; at = Bytes.indexOfQuote(b, at + 1, end)) {
            if (literalAt(b, at, end, next, word, mask)) {
                return at;
            }
        }
        return -1;
    }

    /**
     * A number followed by one space, up to 7 digits read with that space from one word: no search, no digit
     * loop. Returns the position after the space, or -1 for any other value, which the general path then
     * decides on.
     */
    static int spacedNumber(byte[] b, int pos, int end, Field field, int source, AccessEvent event) {
        if (pos > b.length - Long.BYTES) {
            return -1;
        }
        long word = Bytes.word(b, pos);
        int digits = Bytes.leadingDigits(word);
        if (digits > 0 && digits < Long.BYTES && pos + digits < end && Bytes.byteAt(word, digits) == ' '
                && storeNumber(field, source, Bytes.digitsValue(word, digits), pos, digits, event)) {
            return pos + digits + 1;
        }
        return -1;
    }

    /**
     * Stores value {@code b[from, to)} of a token of {@code kind}, by the step for that kind: the token loop's
     * way in, where the kind is a variable. False when the value does not fit its field.
     */
    static boolean store(byte kind, byte[] b, int from, int to, Field field, TimePattern pattern, int source,
            AccessEvent event) {
        return switch (kind) {
            case TEXT -> text(b, from, to, field.ordinal(), source, event);
            case NUMBER -> number(b, from, to, field, source, event);
            case CONVERTED -> converted(b, from, to, field, pattern, source, event);
            default -> true;
        };
    }

    // One small step per kind, so that each inlines into a generated matcher.

    /** {@code -} and empty text mean absent. */
    private static boolean absent(byte[] b, int from, int to) {
        return from == to || to - from == 1 && b[from] == '-';
    }

    static boolean text(byte[] b, int from, int to, int ordinal, int source, AccessEvent event) {
        if (!absent(b, from, to)) {
            event.setText(ordinal, source, from, to - from);
        }
        return true;
    }

    static boolean number(byte[] b, int from, int to, Field field, int source, AccessEvent event) {
        if (absent(b, from, to)) {
            return true;
        }
        int len = to - from;
        long value = Bytes.parseUnsigned(b, from, len);
        return value >= 0 && storeNumber(field, source, value, from, len, event) || event.set(field, b, from, len);
    }

    /** Time, flags, the cluster name: by the step for the field's kind. */
    static boolean converted(byte[] b, int from, int to, Field field, TimePattern pattern, int source,
            AccessEvent event) {
        if (pattern != null) {
            return patternTime(b, from, to, pattern, event);
        }
        return switch (field.kind()) {
            case TIME -> isoTime(b, from, to, source, event);
            case FLAGS -> flags(b, from, to, field, source, event);
            case CLUSTER -> cluster(b, from, to, field, source, event);
            default -> event.set(field, b, from, to - from);
        };
    }

    static boolean isoTime(byte[] b, int from, int to, int source, AccessEvent event) {
        if (absent(b, from, to)) {
            return true;
        }
        int len = to - from;
        long millis = IsoTime.parseMillis(b, from, len);
        if (millis == AccessEvent.NO_TIME) {
            return false;
        }
        event.setStartTime(millis, source, from, len);
        return true;
    }

    static boolean flags(byte[] b, int from, int to, Field field, int source, AccessEvent event) {
        if (absent(b, from, to)) {
            return true;
        }
        int len = to - from;
        long flags = ResponseFlags.parse(b, from, len);
        if (flags == ResponseFlags.INVALID) {
            return false;
        }
        event.setFlags(field, flags, source, from, len);
        return true;
    }

    static boolean cluster(byte[] b, int from, int to, Field field, int source, AccessEvent event) {
        if (!absent(b, from, to)) {
            event.setCluster(field, source, from, to - from);
        }
        return true;
    }

    /** A START_TIME in a custom layout; an empty value is a time of its own for some layouts. */
    static boolean patternTime(byte[] b, int from, int to, TimePattern pattern, AccessEvent event) {
        int len = to - from;
        if (len == 1 && b[from] == '-') {
            return true;
        }
        long millis = pattern.parseMillis(b, from, len);
        if (millis == AccessEvent.NO_TIME) {
            return false;
        }
        event.setStartTime(millis, b, from, len);
        return true;
    }

    /** Stores a number when it fits its field; false sends the value down the general conversion. */
    private static boolean storeNumber(Field field, int source, long value, int start, int len, AccessEvent event) {
        if (value > 999 && field == Field.RESPONSE_CODE) {
            return false;
        }
        event.setNumber(field, value, source, start, len);
        return true;
    }

    /** Unquoted values never hold a space or a quote; one that does means the line is misaligned. */
    static boolean hasSeparator(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == ' ' || b[i] == QUOTE) {
                return true;
            }
        }
        return false;
    }

    static boolean regionMatches(byte[] b, int pos, byte[] literal, int from, int len) {
        for (int k = 0; k < len; k++) {
            if (b[pos + k] != literal[from + k]) {
                return false;
            }
        }
        return true;
    }
}
