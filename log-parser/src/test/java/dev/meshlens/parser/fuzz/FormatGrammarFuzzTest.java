package dev.meshlens.parser.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.meshlens.parser.AccessLogParser;
import java.nio.charset.StandardCharsets;

/**
 * Any format string an operator could configure: it compiles, or is refused with the one exception
 * {@code forFormat} documents; a compiled format then reads a line the fuzzer writes for it.
 */
class FormatGrammarFuzzTest {
    static final int MAX_FORMAT = 600;

    @FuzzTest(maxDuration = "15s")
    void customFormats(FuzzedDataProvider data) {
        String format = new String(data.consumeBytes(data.consumeInt(0, MAX_FORMAT)), StandardCharsets.UTF_8);
        byte[] line = data.consumeRemainingAsBytes();
        AccessLogParser parser;
        try {
            parser = AccessLogParser.forFormat(format);
        } catch (IllegalArgumentException refused) {
            // Subclasses (NumberFormatException, ...) are accidents of the implementation, not a refusal.
            assertEquals(IllegalArgumentException.class, refused.getClass(), () -> "refused with " + refused);
            assertFalse(refused.getMessage().isEmpty(), "a refusal says why");
            return;
        }
        ParseInvariants.check(parser, line, 0, line.length);
    }
}
