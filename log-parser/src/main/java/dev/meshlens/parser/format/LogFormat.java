package dev.meshlens.parser.format;

import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.event.Bytes;
import dev.meshlens.parser.event.Field;
import dev.meshlens.parser.event.ParseStatus;
import java.util.List;

import static dev.meshlens.parser.format.MatchSteps.CONVERTED;
import static dev.meshlens.parser.format.MatchSteps.NUMBER;
import static dev.meshlens.parser.format.MatchSteps.QUOTE;
import static dev.meshlens.parser.format.MatchSteps.SKIPPED;
import static dev.meshlens.parser.format.MatchSteps.TEXT;

/**
 * An Envoy text format compiled into a matcher. Each operator's value runs up to the next occurrence of the
 * literal text that follows it; values must fit their field's type, which is what tells one preset from
 * another. A line may start at the request when its author cut the leading {@code [START_TIME] }.
 */
public final class LogFormat {

    private final String name;
    private final String formatString;
    private final byte[][] literals;
    /** The first eight bytes (at most) of each literal, as one little-endian word, and the mask of those bytes. */
    private final long[] literalWords;
    private final long[] literalMasks;
    private final Field[] fields;
    /** How each value is stored: {@link #SKIPPED}, {@link #TEXT}, {@link #NUMBER} or {@link #CONVERTED}. */
    private final byte[] valueKinds;
    private final TimePattern[] timePatterns;
    /** How each value that a literal follows ends; null for literals and for a last value. */
    private final EndSearch[] endSearches;
    /** A START_TIME in Envoy's own layout, before a literal like {@code ] }: where its end is looked for first. */
    private final boolean[] isoTimeFirst;
    /** Tokens up to and including the response flags (or code): matching this far yields a partial event. */
    private final int partialThreshold;
    /** Index of the RESPONSE_CODE token (or the token count when there is none). */
    private final int codeToken;
    /** Token where a line without its leading {@code [START_TIME] } starts, or -1. */
    private final int requestEntry;
    /** This format as straight-line code: whole lines only, no reasons. */
    private final LineMatcher generated;

    private LogFormat(String name, String formatString, List<FormatGrammar.Token> tokens) {
        this.name = name;
        this.formatString = formatString;
        int n = tokens.size();
        literals = new byte[n][];
        literalWords = new long[n];
        literalMasks = new long[n];
        fields = new Field[n];
        valueKinds = new byte[n];
        timePatterns = new TimePattern[n];
        endSearches = new EndSearch[n];
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
            timePatterns[i] = token.timePattern();
            if (token.field() == Field.RESPONSE_FLAGS || (token.field() == Field.RESPONSE_CODE && threshold < 0)) {
                threshold = i + 1;
            }
        }
        for (int i = 0; i < n; i++) {
            if (!tokens.get(i).isLiteral() && i + 1 < n && literals[i + 1] != null) {
                endSearches[i] = chooseEndSearch(i);
            }
            isoTimeFirst[i] = fields[i] == Field.START_TIME && timePatterns[i] == null && i + 1 < n
                    && literals[i + 1] != null && literals[i + 1].length >= 2 && literals[i + 1][1] == ' ';
        }
        partialThreshold = threshold < 0 ? n : threshold;
        codeToken = indexOf(Field.RESPONSE_CODE);
        requestEntry = findRequestEntry();
        generated = MatcherCompiler.compile(this);
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

    /** How value {@code i}, which literal {@code i + 1} follows, ends. */
    private EndSearch chooseEndSearch(int i) {
        byte[] next = literals[i + 1];
        if (next[0] == QUOTE && endsWithQuote(i - 1)) {
            return EndSearch.QUOTED;
        }
        if (next.length == 1 && next[0] == ' ') {
            return EndSearch.SPACE;
        }
        return next[0] == ' ' || next[0] == QUOTE ? EndSearch.SEPARATOR : EndSearch.LITERAL;
    }

    private boolean endsWithQuote(int i) {
        return i >= 0 && literals[i] != null && literals[i][literals[i].length - 1] == QUOTE;
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
     * Matches {@code b[off, end)} token by token and fills {@code event}. Returns the number of tokens matched;
     * the line is fully decoded when that equals {@link #tokenCount()}, partially when it reaches
     * {@link #partialThreshold()}. On a short match the event's error offset and field say where it stopped.
     * Slower than {@link #matchWhole}, which callers try first; this also reads a line without its leading
     * {@code [START_TIME] }.
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

    /**
     * True when {@code b[off, end)} is a whole line of this format, read from its first token, decoded into
     * {@code event} by the matcher generated for this format. False says nothing more, and may leave part of
     * the line in the event: {@link #match} then finds the reason and where.
     */
    public boolean matchWhole(byte[] b, int off, int end, AccessEvent event) {
        return generated.match(b, off, end, event) != LineMatcher.NO_MATCH;
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
                if (skip == 0 ? !literalAt(i, b, pos, end)
                        : end - pos < len || !MatchSteps.regionMatches(b, pos, literal, skip, len)) {
                    event.status(ParseStatus.NOT_ACCESS_LOG, pos, null);
                    return i;
                }
                pos += len;
                continue;
            }
            if (valueKinds[i] == NUMBER && endSearches[i] == EndSearch.SPACE) {
                int after = MatchSteps.spacedNumber(b, pos, end, fields[i], source, event);
                if (after >= 0) {
                    pos = after;
                    i++;
                    continue;
                }
            }
            int valueEnd = end;
            byte[] next = i + 1 < n ? literals[i + 1] : null;
            boolean cut = false;
            if (next != null) {
                valueEnd = valueEnd(i, b, pos, end);
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
            boolean unquoted = endSearches[i] != EndSearch.QUOTED;
            if (valueEnd < 0 || lastValue && unquoted && MatchSteps.hasSeparator(b, pos, valueEnd)
                    || !MatchSteps.store(valueKinds[i], b, pos, valueEnd, fields[i], timePatterns[i], source, event)) {
                event.status(ParseStatus.BAD_FIELD, pos, fields[i]);
                return i;
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

    /** Where value {@code i}, followed by a literal, ends: -1 when the line ends first, -2 when misaligned. */
    private int valueEnd(int i, byte[] b, int pos, int end) {
        byte[] literal = literals[i + 1];
        long word = literalWords[i + 1];
        long mask = literalMasks[i + 1];
        return switch (endSearches[i]) {
            case SPACE -> MatchSteps.spaceEnd(b, pos, end);
            case SEPARATOR -> MatchSteps.separatorEnd(b, pos, end, literal, word, mask);
            case QUOTED -> MatchSteps.quotedEnd(b, pos, end, literal, word, mask);
            case LITERAL -> MatchSteps.literalEnd(b, pos, end, literal, word, mask, isoTimeFirst[i]);
        };
    }

    // What the generated matcher is made of: token i's literal (null for a value) and how its value is read.

    byte[] literal(int i) {
        return literals[i];
    }

    long literalWord(int i) {
        return literalWords[i];
    }

    long literalMask(int i) {
        return literalMasks[i];
    }

    Field field(int i) {
        return fields[i];
    }

    byte valueKind(int i) {
        return valueKinds[i];
    }

    TimePattern timePattern(int i) {
        return timePatterns[i];
    }

    EndSearch endSearch(int i) {
        return endSearches[i];
    }

    boolean isoTimeFirst(int i) {
        return isoTimeFirst[i];
    }

    private boolean literalAt(int i, byte[] b, int at, int end) {
        return MatchSteps.literalAt(b, at, end, literals[i], literalWords[i], literalMasks[i]);
    }

    /** How much of the start of {@code literal} ends the line: a cut inside it, at most all but its last byte. */
    private static int cutLiteralLength(byte[] b, int from, int end, byte[] literal) {
        for (int k = Math.min(literal.length - 1, end - from); k > 0; k--) {
            if (MatchSteps.regionMatches(b, end - k, literal, 0, k)) {
                return k;
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        return name + ": " + formatString;
    }
}
