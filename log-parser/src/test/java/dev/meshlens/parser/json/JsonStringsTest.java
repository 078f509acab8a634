package dev.meshlens.parser.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshlens.parser.Seeds;
import dev.meshlens.parser.lines.JsonEscaping;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link JsonStrings#unescape}: every escape JSON has, surrogate pairs, and what it must refuse. */
class JsonStringsTest {
    /** Decodes the content of a JSON string literal (without its quotes); null when refused. */
    private static byte[] unescape(String escaped) {
        byte[] src = ("\"" + escaped + "\"").getBytes(StandardCharsets.UTF_8);
        byte[] dst = new byte[src.length + 8];
        Arrays.fill(dst, (byte) '#');
        int end = JsonStrings.unescape(src, 1, src.length - 1, dst, 3);
        return end < 0 ? null : Arrays.copyOfRange(dst, 3, end);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static Stream<Arguments> escapes() {
        return Stream.of(
                Arguments.of("\\\"", "\""), Arguments.of("\\\\", "\\"), Arguments.of("\\/", "/"),
                Arguments.of("\\n", "\n"), Arguments.of("\\t", "\t"), Arguments.of("\\r", "\r"),
                Arguments.of("\\b", "\b"), Arguments.of("\\f", "\f"), Arguments.of("\\u0041", "A"),
                Arguments.of("\\u00e9", "\u00e9"), Arguments.of("\\u00E9", "\u00e9"),
                Arguments.of("\\u2603", "\u2603"), Arguments.of("\\u003c", "<"), Arguments.of("\\u0000", "\u0000"),
                Arguments.of("\\ud83d\\ude00", "\uD83D\uDE00"), Arguments.of("\\uD83D\\uDE00", "\uD83D\uDE00"),
                Arguments.of("\\udbff\\udfff", "\uDBFF\uDFFF"), Arguments.of("a\\\"b\\\\c", "a\"b\\c"),
                Arguments.of("caf\u00e9 \u2603", "caf\u00e9 \u2603"), Arguments.of("", ""),
                // A surrogate without its other half is no character: U+FFFD stands in, what follows is kept.
                Arguments.of("\\ud83d", "\uFFFD"), Arguments.of("\\ude00", "\uFFFD"),
                Arguments.of("\\ud83dx", "\uFFFDx"), Arguments.of("\\ud83d\\u0041", "\uFFFDA"),
                Arguments.of("\\ude00\\ud83d", "\uFFFD\uFFFD"));
    }

    @ParameterizedTest
    @MethodSource("escapes")
    void eachEscapeDecodesToItsUtf8(String escaped, String decoded) {
        assertArrayEquals(utf8(decoded), unescape(escaped), escaped);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\x", "\\u12", "\\u12G4", "abc\\", "\\U0041", "\\u", "\\'", "\\0"})
    void invalidEscapesAreRefused(String escaped) {
        assertNull(unescape(escaped));
    }

    @Test
    void randomTextRoundTripsThroughEveryWritersEscaping() {
        long seed = Seeds.of("JsonStrings.roundTrip");
        Random random = new Random(seed);
        for (int i = 0; i < 5_000; i++) {
            String text = randomText(random);
            for (JsonEscaping escaping : JsonEscaping.values()) {
                String literal = escaping.quote(text);
                byte[] decoded = unescape(literal.substring(1, literal.length() - 1));
                assertArrayEquals(utf8(text), decoded, () -> literal + " (seed " + seed + ")");
                assertTrue(decoded.length <= utf8(literal).length - 2, "decoding never grows");
            }
        }
    }

    @Test
    void closingQuoteAgreesWithAByteByByteWalkThroughRunsOfBackslashes() {
        long seed = Seeds.of("JsonStrings.closingQuote");
        Random random = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = randomBytes(random, "\"\\\\\\ab", 40);
            int from = b.length == 0 ? 0 : random.nextInt(b.length);
            int end = from + random.nextInt(b.length - from + 1);
            String input = new String(b, StandardCharsets.ISO_8859_1) + " from " + from + " to " + end;
            assertEquals(closingQuoteByteByByte(b, from, end), JsonStrings.closingQuote(b, from, end),
                    () -> input + " (seed " + seed + ")");
        }
    }

    @Test
    void decodingToTheQuoteAgreesWithFindingTheQuoteAndThenDecoding() {
        long seed = Seeds.of("JsonStrings.decodeToQuote");
        Random random = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            byte[] src = randomBytes(random, "\"\\\\u0dD8e9nxab", 48);
            int from = src.length == 0 ? 0 : random.nextInt(src.length);
            byte[] decoded = new byte[src.length + 8];
            long result = JsonStrings.decodeToQuote(src, from, src.length, decoded, 2);
            long quote = JsonStrings.closingQuote(src, from, src.length);
            byte[] expected = new byte[src.length + 8];
            int expectedEnd = quote < 0 ? -1 : JsonStrings.unescape(src, from, (int) (quote >>> 1), expected, 2);
            String input = new String(src, StandardCharsets.ISO_8859_1) + " from " + from + " (seed " + seed + ")";
            assertEquals(expectedEnd < 0 ? -1 : ((quote >>> 1) << 32) | expectedEnd, result, input);
            if (result >= 0) {
                assertArrayEquals(Arrays.copyOfRange(expected, 2, expectedEnd),
                        Arrays.copyOfRange(decoded, 2, (int) result), input);
            }
        }
    }

    /** Fewer than {@code bound} bytes drawn from {@code alphabet}. */
    private static byte[] randomBytes(Random random, String alphabet, int bound) {
        byte[] b = new byte[random.nextInt(bound)];
        for (int k = 0; k < b.length; k++) {
            b[k] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return b;
    }

    private static long closingQuoteByteByByte(byte[] b, int from, int end) {
        long sawEscape = 0;
        for (int i = from; i < end; i++) {
            if (b[i] == '\\') {
                sawEscape = 1;
                i++;
            } else if (b[i] == '"') {
                return ((long) i << 1) | sawEscape;
            }
        }
        return -1;
    }

    /** Code points from every UTF-8 length, control characters and JSON's special characters. */
    private static String randomText(Random random) {
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(24);
        for (int i = 0; i < length; i++) {
            int cp = switch (random.nextInt(6)) {
                case 0 -> random.nextInt(0x20);
                case 1 -> "\"\\/<>&'".charAt(random.nextInt(7));
                case 2 -> 0x20 + random.nextInt(0x5F);
                case 3 -> 0x80 + random.nextInt(0x780);
                case 4 -> 0xE000 + random.nextInt(0x2000);
                default -> 0x10000 + random.nextInt(0x100000);
            };
            s.appendCodePoint(cp);
        }
        return s.toString();
    }
}
