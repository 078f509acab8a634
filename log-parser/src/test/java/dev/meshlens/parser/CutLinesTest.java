package dev.meshlens.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.event.Field;
import dev.meshlens.parser.event.ParseStatus;
import dev.meshlens.parser.event.ResponseFlags;
import dev.meshlens.parser.lines.AccessRecord;
import dev.meshlens.parser.lines.GeneratedFormat;
import dev.meshlens.parser.lines.Records;
import dev.meshlens.parser.lines.RenderedLine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lines cut at every offset. Once the flags are complete the line still says what failed: the parser must
 * yield an event with the code, flags and start time as written (partial, or complete when the cut fell inside
 * the last value). Cut before the flags begin, no event may come out.
 */
class CutLinesTest {
    private static final int LINES = 6;
    private final AccessEvent event = new AccessEvent();

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.meshlens.parser.lines.GeneratedFormat#text")
    void everyCutOfAFewLines(GeneratedFormat format) {
        long seed = Seeds.of("CutLines", format.label());
        Random random = new Random(seed);
        List<AccessLogParser> parsers = ParseInput.parsersReading(format);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int i = 0; i < LINES; i++) {
                AccessRecord record = Records.any(random);
                RenderedLine line = format.render(record, random);
                byte[] whole = line.text().getBytes(StandardCharsets.UTF_8);
                int flagsEnd = format.flagsEnd(record);
                int flagsStart = format.flagsStart(record);
                for (int cut = 0; cut <= whole.length; cut++) {
                    byte[] cutLine = Arrays.copyOf(whole, cut);
                    String context = "cut at " + cut + " (flags " + flagsStart + ".." + flagsEnd + ", seed " + seed
                            + "): " + new String(cutLine, StandardCharsets.UTF_8);
                    for (AccessLogParser parser : parsers) {
                        ParseStatus status = ParseInput.parse(parser, cutLine, event, random);
                        if (cut >= flagsEnd) {
                            assertCodeAndFlagsKept(line, cut, status, context);
                        } else if (cut < flagsStart) {
                            assertFalse(status.hasEvent(), context);
                        }
                    }
                }
            }
        });
    }

    private void assertCodeAndFlagsKept(RenderedLine line, int cut, ParseStatus status, String context) {
        AccessRecord record = line.record();
        assertTrue(status.hasEvent(), () -> status + " at " + event.errorOffset() + " " + context);
        assertEquals(record.number(Field.RESPONSE_CODE), event.responseCode(), context);
        assertEquals(ResponseFlags.toShortString(record.flags().expectedBits()),
                ResponseFlags.toShortString(event.responseFlags()), context);
        assertEquals(line.startMillis(), event.startTimeMillis(), context);
        if (status == ParseStatus.PARTIAL) {
            assertTrue(event.errorOffset() >= 0 && event.errorOffset() <= cut, context);
        }
    }
}
