package dev.meshlens.parser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.event.ByteView;
import dev.meshlens.parser.event.Field;
import dev.meshlens.parser.event.ParseStatus;
import dev.meshlens.parser.lines.AccessRecord;
import dev.meshlens.parser.lines.GeneratedFormat;
import dev.meshlens.parser.lines.Records;
import dev.meshlens.parser.lines.ValidLines;
import dev.meshlens.parser.lines.Wrapped;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random and damaged input: whatever comes in, {@code parse} returns one status and throws nothing, and a
 * rejection says why and where. Damage that cannot change the meaning of a line must not change its outcome.
 */
class ParserFuzzTest {
    private static final byte[] PUNCTUATION = "[]{}\"\\ -,:|/.T Z+0123456789ABCDEFUabcdefxyz\t\r%".getBytes(
            StandardCharsets.US_ASCII);
    private final List<AccessLogParser> parsers = List.of(AccessLogParser.auto(), AccessLogParser.forFormat("json"),
            AccessLogParser.forFormat("istio-mixer"), AccessLogParser.forFormat(GeneratedFormat.CUSTOM_KEY_VALUE),
            AccessLogParser.forFormat(GeneratedFormat.CUSTOM_BARE_TIME));
    private final AccessEvent event = new AccessEvent();

    private void parseWithEach(byte[] line, Random random) {
        for (AccessLogParser parser : parsers) {
            Fuzz.parse(parser, line, event, random);
        }
    }

    @Test
    void randomBytes() {
        Fuzz.run("randomBytes", 10_000, (random, i) -> {
            byte[] line = new byte[random.nextInt(i % 10 == 0 ? 3_000 : 300)];
            random.nextBytes(line);
            parseWithEach(line, random);
        });
    }

    @Test
    void randomTextMadeOfLogPunctuation() {
        Fuzz.run("punctuation", 10_000, (random, i) -> {
            byte[] line = new byte[random.nextInt(400)];
            for (int k = 0; k < line.length; k++) {
                line[k] = PUNCTUATION[random.nextInt(PUNCTUATION.length)];
            }
            parseWithEach(line, random);
        });
    }

    @Test
    void mutationsOfValidLines() {
        Fuzz.run("mutations", 8_000, (random, i) -> {
            byte[] line = ValidLines.any(random, ValidLines.anyFormat(random)).bytes();
            for (int m = 1 + random.nextInt(4); m > 0; m--) {
                line = Mutation.values()[random.nextInt(Mutation.values().length)].apply(line, random);
            }
            parseWithEach(line, random);
        });
    }

    /** Ways lines get damaged in transit and by hand. */
    enum Mutation {
        FLIP_BYTE, DELETE_BYTE, DELETE_RANGE, TRUNCATE, DUPLICATE_QUOTES, INSERT_QUOTE, DELETE_QUOTE, INSERT_BRACE,
        INSERT_BRACKET, INSERT_BACKSLASH, INSERT_HIGH_BYTE, DUPLICATE_RANGE;

        byte[] apply(byte[] line, Random random) {
            if (line.length == 0) {
                return line;
            }
            int at = random.nextInt(line.length);
            return switch (this) {
                case FLIP_BYTE -> {
                    byte[] out = line.clone();
                    out[at] ^= (byte) (1 << random.nextInt(8));
                    yield out;
                }
                case DELETE_BYTE -> splice(line, at, at + 1, new byte[0]);
                case DELETE_RANGE -> splice(line, at, Math.min(line.length, at + 1 + random.nextInt(40)), new byte[0]);
                case TRUNCATE -> Arrays.copyOf(line, at);
                case DUPLICATE_QUOTES -> new String(line, StandardCharsets.ISO_8859_1).replace("\"", "\"\"")
                        .getBytes(StandardCharsets.ISO_8859_1);
                case INSERT_QUOTE -> splice(line, at, at, new byte[] {'"'});
                case DELETE_QUOTE -> {
                    int quote = new String(line, StandardCharsets.ISO_8859_1).indexOf('"', at);
                    yield quote < 0 ? line : splice(line, quote, quote + 1, new byte[0]);
                }
                case INSERT_BRACE -> splice(line, at, at, new byte[] {(byte) (random.nextBoolean() ? '{' : '}')});
                case INSERT_BRACKET -> splice(line, at, at, new byte[] {(byte) (random.nextBoolean() ? '[' : ']')});
                case INSERT_BACKSLASH -> splice(line, at, at, new byte[] {'\\'});
                case INSERT_HIGH_BYTE -> splice(line, at, at, new byte[] {(byte) (0x80 + random.nextInt(128))});
                case DUPLICATE_RANGE -> {
                    int end = Math.min(line.length, at + 1 + random.nextInt(30));
                    yield splice(line, end, end, Arrays.copyOfRange(line, at, end));
                }
            };
        }
    }

    static byte[] splice(byte[] line, int from, int to, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(line.length + insert.length);
        out.write(line, 0, from);
        out.write(insert, 0, insert.length);
        out.write(line, to, line.length - to);
        return out.toByteArray();
    }

    /**
     * Bytes that are not UTF-8 inside a quoted value change nothing: the parser reads bytes, and keeps them.
     * Overlong encodings, surrogates, stray continuation bytes, truncated sequences, bytes UTF-8 never uses.
     */
    @Test
    void invalidUtf8InsideAValueIsKeptAsIs() {
        byte[][] invalid = {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0x80},
            {(byte) 0xE2, (byte) 0x82}, {(byte) 0xFF, (byte) 0xFE}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80}};
        AccessLogParser auto = AccessLogParser.auto();
        List<GeneratedFormat> formats = GeneratedFormat.all().stream().filter(GeneratedFormat::detected).toList();
        Fuzz.run("invalidUtf8", 600, (random, i) -> {
            GeneratedFormat format = formats.get(i % formats.size());
            String marker = "MARKER" + i + "UA";
            AccessRecord record = Records.any(random).text(Field.USER_AGENT, marker);
            Wrapped wrapped = ValidLines.inAnyEnvelope(random, format.render(record, random).text());
            byte[] bad = invalid[random.nextInt(invalid.length)];
            byte[] line = replace(wrapped.bytes(), marker.getBytes(StandardCharsets.US_ASCII), bad);
            assertEquals(ParseStatus.OK, Fuzz.parse(auto, line, event, random), () -> Fuzz.preview(line));
            ByteView userAgent = event.text(Field.USER_AGENT);
            assertArrayEquals(bad, Arrays.copyOfRange(userAgent.bytes(), userAgent.offset(),
                    userAgent.offset() + userAgent.length()), () -> Fuzz.preview(line));
        });
    }

    private static byte[] replace(byte[] line, byte[] marker, byte[] with) {
        String text = new String(line, StandardCharsets.ISO_8859_1);
        int at = text.indexOf(new String(marker, StandardCharsets.ISO_8859_1));
        return splice(line, at, at + marker.length, with);
    }

    /** A forced preset refuses its own line with a token too few or too many outside quotes. */
    @Test
    void wrongFieldCountsAreNeverReadAsComplete() {
        Fuzz.run("fieldCounts", 2_000, (random, i) -> {
            GeneratedFormat format = GeneratedFormat.presets().get(i % GeneratedFormat.presets().size());
            String text = format.render(Records.any(random), random).text();
            List<int[]> tokens = topLevelTokens(text);
            int[] token = tokens.get(1 + random.nextInt(tokens.size() - 1));
            String changed = random.nextBoolean()
                    ? text.substring(0, token[0]) + text.substring(Math.min(text.length(), token[1] + 1))
                    : text.substring(0, token[1]) + " " + text.substring(token[0], token[1]) + text.substring(token[1]);
            byte[] line = changed.getBytes(StandardCharsets.UTF_8);
            ParseStatus status = Fuzz.parse(AccessLogParser.forFormat(format.parserSpec()), line, event, random);
            assertNotEquals(ParseStatus.OK, status, changed);
        });
    }

    /** Space-separated tokens outside quotes, as {@code [start, end)}: a quoted value is one token. */
    private static List<int[]> topLevelTokens(String text) {
        List<int[]> tokens = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ' ' && !quoted) {
                tokens.add(new int[] {start, i});
                start = i + 1;
            }
        }
        return tokens;
    }
}
