package dev.meshlens.parser.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.meshlens.parser.AccessLogParser;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Arbitrary bytes through the parser's public entry point: format detection, and each forced format. Without
 * {@code JAZZER_FUZZ} these run once over the committed inputs (regression); with it, Jazzer mutates them.
 */
class AccessLogParserFuzzTest {
    /** Bytes that mean something to some stage (quotes, braces, separators), so reading past the record shows. */
    private static final byte[] FILLER = "\"{[ 0x|\\".getBytes(StandardCharsets.US_ASCII);
    private static final AccessLogParser AUTO = AccessLogParser.auto();
    private static final List<AccessLogParser> FORCED = List.of(AccessLogParser.forFormat("istio"),
            AccessLogParser.forFormat("envoy"), AccessLogParser.forFormat("json"));

    /** Where the record sits in the caller's buffer changes nothing but the views' offsets. */
    @FuzzTest(maxDuration = "15s")
    void autoDetection(byte[] input) {
        String alone = ParseInvariants.check(AUTO, input, 0, input.length);
        int before = 1 + input.length % 7;
        byte[] buffer = new byte[before + input.length + 1 + input.length % 5];
        for (int i = 0; i < buffer.length; i++) {
            buffer[i] = FILLER[i % FILLER.length];
        }
        System.arraycopy(input, 0, buffer, before, input.length);
        assertEquals(alone, ParseInvariants.check(AUTO, buffer, before, input.length), "the same bytes at offset "
                + before + " of a larger buffer");
    }

    @FuzzTest(maxDuration = "15s")
    void forcedFormats(byte[] input) {
        for (AccessLogParser parser : FORCED) {
            ParseInvariants.check(parser, input, 0, input.length);
        }
    }
}
