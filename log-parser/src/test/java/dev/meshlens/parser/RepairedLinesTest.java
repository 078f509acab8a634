package dev.meshlens.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.event.ParseStatus;
import dev.meshlens.parser.lines.EventCheck;
import dev.meshlens.parser.lines.GeneratedFormat;
import dev.meshlens.parser.lines.Records;
import dev.meshlens.parser.lines.RenderedLine;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lines damaged the way people paste them: every quote doubled (CSV exports), the leading
 * {@code [START_TIME] } cut off, or both. They must still read as what was written, minus what was cut.
 */
class RepairedLinesTest {
    private static final int LINES = 60;
    private final AccessEvent event = new AccessEvent();

    private static String doubleQuotes(String text) {
        return text.replace("\"", "\"\"");
    }

    /** {@code [time] "GET ...} becomes {@code "GET ...} or, cutting the quote too, {@code GET ...}. */
    private static String cutStartTime(String text, boolean withQuote) {
        return text.substring(text.indexOf("] \"") + (withQuote ? 3 : 2));
    }

    private void check(GeneratedFormat format, String seedName, UnaryOperator<RenderedLine> damage) {
        Random random = new Random(Seeds.of("Repaired", seedName, format.label()));
        List<AccessLogParser> parsers = ParseInput.parsersReading(format);
        for (int i = 0; i < LINES; i++) {
            RenderedLine damaged = damage.apply(format.render(Records.any(random), random));
            for (AccessLogParser parser : parsers) {
                ParseInput.parse(parser, damaged.text().getBytes(StandardCharsets.UTF_8), event, random);
                assertEquals(ParseStatus.OK, event.status(), damaged::text);
                assertEquals(format.formatName(), event.formatName(), damaged::text);
                List<String> differences = EventCheck.accessLineDifferences(damaged, event);
                assertTrue(differences.isEmpty(), () -> differences + "\n" + damaged);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.meshlens.parser.lines.GeneratedFormat#text")
    void doubledQuotesAreUndone(GeneratedFormat format) {
        check(format, "doubled", line -> new RenderedLine(doubleQuotes(line.text()), line.record(), line.printed(),
                line.startMillis()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.meshlens.parser.lines.GeneratedFormat#presets")
    void linesCutBeforeTheRequestQuoteReadWithoutAStartTime(GeneratedFormat format) {
        check(format, "cut-quote", line -> line.withoutStartTime(cutStartTime(line.text(), false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.meshlens.parser.lines.GeneratedFormat#presets")
    void linesCutAfterTheRequestQuoteReadWithoutAStartTime(GeneratedFormat format) {
        check(format, "cut-method", line -> line.withoutStartTime(cutStartTime(line.text(), true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.meshlens.parser.lines.GeneratedFormat#presets")
    void cutAndDoubledTogether(GeneratedFormat format) {
        check(format, "cut-doubled",
                line -> line.withoutStartTime(doubleQuotes(cutStartTime(line.text(), true))));
    }
}
