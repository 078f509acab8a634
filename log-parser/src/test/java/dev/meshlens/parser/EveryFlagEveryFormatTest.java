package dev.meshlens.parser;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.lines.AccessRecord;
import dev.meshlens.parser.lines.Envelope;
import dev.meshlens.parser.lines.EventCheck;
import dev.meshlens.parser.lines.FlagCases;
import dev.meshlens.parser.lines.FlagSet;
import dev.meshlens.parser.lines.GeneratedFormat;
import dev.meshlens.parser.lines.Origin;
import dev.meshlens.parser.lines.Records;
import dev.meshlens.parser.lines.RenderedLine;
import dev.meshlens.parser.lines.Wrapped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every response flag (short and long, alone, in pairs, unknown codes) in every format, HTTP and TCP, bare and
 * in the main envelopes; a sample of them in every other envelope. The parsed event must hold exactly what the
 * line was generated from, whether the format was detected ({@code auto}) or forced.
 */
class EveryFlagEveryFormatTest {
    private static final AccessLogParser AUTO = AccessLogParser.auto();
    private static final Map<String, AccessLogParser> FORCED = new HashMap<>();
    private static final Set<Envelope> EVERY_FLAG = EnumSet.of(Envelope.NONE, Envelope.FLUENT_BIT, Envelope.CRI_FULL);
    private static final int SAMPLE_STRIDE = 7;

    static Stream<Arguments> formatsAndEnvelopes() {
        return GeneratedFormat.all().stream().flatMap(format -> {
            String sample = format.render(Records.http(new Random(1), FlagSet.NONE), new Random(1)).text();
            return Stream.of(Envelope.values()).filter(envelope -> envelope.canCarry(sample))
                    .map(envelope -> Arguments.of(format, envelope));
        });
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("formatsAndEnvelopes")
    void everyFlagParsesToWhatWasWritten(GeneratedFormat format, Envelope envelope) {
        long seed = Seeds.of(format.label(), envelope.name());
        List<String> failures = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> parseEveryFlag(format, envelope, new Random(seed)));
        assertTrue(failures.isEmpty(), () -> failures.size() + " lines differ (seed " + seed + "), first ones:\n"
                + String.join("\n", failures.subList(0, Math.min(8, failures.size()))));
    }

    private static List<String> parseEveryFlag(GeneratedFormat format, Envelope envelope, Random random) {
        AccessLogParser forced = FORCED.computeIfAbsent(format.parserSpec(), AccessLogParser::forFormat);
        AccessEvent event = new AccessEvent();
        List<String> failures = new ArrayList<>();
        List<FlagSet> cases = EVERY_FLAG.contains(envelope) ? FlagCases.all() : FlagCases.sample(SAMPLE_STRIDE);
        for (FlagSet flags : cases) {
            for (boolean tcp : new boolean[] {false, true}) {
                AccessRecord record = tcp ? Records.tcp(random, flags) : Records.http(random, flags);
                RenderedLine line = format.render(record, random);
                Wrapped wrapped = envelope.wrap(line.text(), Origin.random(random), random);
                if (format.detected()) {
                    check("auto", AUTO, line, wrapped, format, event, random, failures);
                }
                check("forced", forced, line, wrapped, format, event, random, failures);
            }
        }
        return failures;
    }

    private static void check(String mode, AccessLogParser parser, RenderedLine line, Wrapped wrapped,
            GeneratedFormat format, AccessEvent event, Random random, List<String> failures) {
        ParseInput.parse(parser, wrapped.bytes(), event, random);
        List<String> differences = EventCheck.differences(line, wrapped, format.formatName(), event);
        if (!differences.isEmpty()) {
            failures.add(mode + " " + differences + " at=" + event.errorOffset() + " field=" + event.errorField()
                    + "\n    " + wrapped);
        }
    }
}
