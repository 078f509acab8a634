package dev.meshlens.parser.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshlens.parser.Seeds;
import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.event.Bytes;
import dev.meshlens.parser.event.Field;
import dev.meshlens.parser.lines.GeneratedFormat;
import dev.meshlens.parser.lines.Records;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The matcher generated per format accepts exactly the whole lines the token loop reads from their first token,
 * with the same value in every field: on valid lines of every text format, on those lines mutated, and on lines
 * of the other formats. Whatever it declines, the token loop explains.
 */
class GeneratedMatcherTest {
    private static final int LINES_PER_FORMAT = 1_500;
    private static final byte[] NOISE = " \"-x9]\\[:,/.".getBytes(StandardCharsets.US_ASCII);
    private static final List<GeneratedFormat> FORMATS = GeneratedFormat.text();

    static List<GeneratedFormat> formats() {
        return FORMATS;
    }

    @ParameterizedTest
    @MethodSource("formats")
    void acceptsWhatTheTokenLoopReadsWhole(GeneratedFormat format) {
        long seed = Seeds.of("generated-matcher", format.label());
        Random random = new Random(seed);
        List<LogFormat> all = FORMATS.stream().map(f -> LogFormat.compile(f.label(), f.formatString())).toList();
        LogFormat own = LogFormat.compile(format.label(), format.formatString());
        int whole = 0;
        for (int n = 0; n < LINES_PER_FORMAT; n++) {
            String text = format.render(Records.any(random), random).text().strip();
            byte[] valid = text.getBytes(StandardCharsets.UTF_8);
            assertTrue(own.matchWhole(valid, 0, valid.length, new AccessEvent()), text);
            byte[] line = random.nextInt(4) == 0 ? valid : mutate(valid, random);
            for (LogFormat candidate : all) {
                String where = Seeds.howToRepeat(seed) + ", " + candidate.name() + " on: "
                        + new String(line, StandardCharsets.UTF_8);
                whole += compare(candidate, line, 0, line.length, where);
                // The same line inside a larger buffer: the generated code must stop at end, not at the array's.
                compare(candidate, frame(line, random), 3, 3 + line.length, where + " (framed)");
            }
        }
        assertTrue(whole >= LINES_PER_FORMAT / 4, "only " + whole + " whole lines: the test lost its valid lines");
    }

    @Test
    void aLongFormatIsDecodedPartByPart() {
        String formatString = "%RESPONSE_CODE%" + " %REQ(X-A)%".repeat(400) + " %DURATION%";
        LogFormat format = LogFormat.compile("long", formatString);
        byte[] line = ("503" + " a".repeat(400) + " 17").getBytes(StandardCharsets.US_ASCII);
        AccessEvent event = new AccessEvent();
        assertTrue(format.matchWhole(line, 0, line.length, event));
        assertEquals(503, event.responseCode());
        assertEquals(17, event.duration());
        byte[] cut = Arrays.copyOf(line, line.length - 3);
        assertFalse(format.matchWhole(cut, 0, cut.length, new AccessEvent()));
    }

    /** Reads with both; returns 1 when the generated matcher took the line whole. */
    private static int compare(LogFormat format, byte[] b, int off, int end, String where) {
        AccessEvent generated = new AccessEvent();
        AccessEvent loop = new AccessEvent();
        boolean whole = format.matchWhole(b, off, end, generated);
        int matched = format.match(b, off, end, loop);
        if (whole) {
            assertEquals(format.tokenCount(), matched, where);
            assertEquals(describe(loop), describe(generated), where);
            return 1;
        }
        if (matched == format.tokenCount()) {
            // The one whole line the generated code leaves to the loop: its leading [START_TIME] cut off.
            byte[] first = format.literal(0);
            assertTrue(first != null && !Bytes.startsWith(b, off, end, first), where);
        }
        return 0;
    }

    private static String describe(AccessEvent event) {
        StringBuilder out = new StringBuilder()
                .append(event.status()).append('@').append(event.errorOffset()).append(' ').append(event.errorField())
                .append(" time=").append(event.startTimeMillis()).append(" code=").append(event.responseCode())
                .append(" flags=").append(event.responseFlags()).append(" in=").append(event.bytesReceived())
                .append(" out=").append(event.bytesSent()).append(" duration=").append(event.duration())
                .append(" upstream=").append(event.upstreamServiceTime()).append(" port=").append(event.clusterPort());
        for (Field field : Field.values()) {
            out.append(' ').append(field).append('=').append(event.has(field) ? event.text(field) : "<absent>");
        }
        return out.toString();
    }

    private static byte[] mutate(byte[] line, Random random) {
        byte[] b = line;
        for (int edits = 1 + random.nextInt(3); edits > 0 && b.length > 0; edits--) {
            int at = random.nextInt(b.length);
            b = switch (random.nextInt(5)) {
                case 0 -> Arrays.copyOf(b, at);
                case 1 -> splice(b, at, 1, new byte[0]);
                case 2 -> splice(b, at, 0, new byte[] {NOISE[random.nextInt(NOISE.length)]});
                case 3 -> splice(b, at, 1, new byte[] {NOISE[random.nextInt(NOISE.length)]});
                default -> splice(b, at, 0, "1234567890123456789".getBytes(StandardCharsets.US_ASCII));
            };
        }
        return b;
    }

    private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        byte[] out = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
        return out;
    }

    /** {@code line} at offset 3 of a buffer with separators and digits around it. */
    private static byte[] frame(byte[] line, Random random) {
        byte[] framed = new byte[line.length + 3 + 9];
        for (int i = 0; i < framed.length; i++) {
            framed[i] = NOISE[random.nextInt(NOISE.length)];
        }
        System.arraycopy(line, 0, framed, 3, line.length);
        return framed;
    }
}
