package dev.meshlens.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.event.ParseStatus;
import dev.meshlens.parser.lines.GeneratedFormat;
import dev.meshlens.parser.lines.Records;
import dev.meshlens.parser.lines.RenderedLine;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --format}: a forced format reads its own lines and refuses every other shape. */
class ForcedFormatTest {
    private static final int LINES = 40;
    private final AccessEvent event = new AccessEvent();

    /** Renders {@code LINES} lines of {@code format} and hands each parse outcome to {@code check}. */
    private void parseLines(GeneratedFormat format, AccessLogParser parser, String seedName,
            Consumer<RenderedLine> check) {
        Random random = new Random(Seeds.of("ForcedFormat", seedName, format.label()));
        for (int i = 0; i < LINES; i++) {
            RenderedLine line = format.render(Records.any(random), random);
            ParseInput.parse(parser, line.text().getBytes(StandardCharsets.UTF_8), event, random);
            check.accept(line);
        }
    }

    static Stream<Arguments> presetPairs() {
        List<GeneratedFormat> presets = GeneratedFormat.presets();
        return presets.stream().flatMap(forced -> presets.stream().map(written -> Arguments.of(forced, written)));
    }

    @ParameterizedTest(name = "forced {0}, written {1}")
    @MethodSource("presetPairs")
    void aForcedPresetReadsOnlyLinesOfItsOwnShape(GeneratedFormat forced, GeneratedFormat written) {
        AccessLogParser parser = AccessLogParser.forFormat(forced.parserSpec());
        boolean sameShape = forced.formatName().equals(written.formatName());
        parseLines(written, parser, forced.label(), line -> {
            if (sameShape) {
                assertEquals(ParseStatus.OK, event.status(), line::text);
                assertEquals(forced.formatName(), event.formatName());
            } else {
                assertNotEquals(ParseStatus.OK, event.status(), line::text);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.meshlens.parser.lines.GeneratedFormat#text")
    void forcedJsonRefusesTextLines(GeneratedFormat written) {
        parseLines(written, AccessLogParser.forFormat("json"), "json",
                line -> assertEquals(ParseStatus.NOT_ACCESS_LOG, event.status(), line::text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"envoy", "istio", "istio-mixer", "istio-1.0", "%RESPONSE_CODE% %RESPONSE_FLAGS%"})
    void forcedTextFormatsRefuseIstioJson(String spec) {
        parseLines(GeneratedFormat.named("json-typed"), AccessLogParser.forFormat(spec), spec,
                line -> assertEquals(ParseStatus.NOT_ACCESS_LOG, event.status(), line::text));
    }

    @ParameterizedTest
    @CsvSource({"istio-mixer, istio-1.1, true", "istio-mixer, istio-1.2, true", "istio-mixer, istio-1.3, true",
        "istio-mixer, istio-1.9, false", "istio-mixer, envoy, false", "istio, istio-1.9, true",
        "istio, istio-1.23, true", "istio, istio-1.3, false", "envoy, envoy, true", "envoy, envoy-details, false",
        "auto, envoy-details, true", "auto, json-strings-dash, true"})
    void familiesReadTheirMembers(String spec, String writtenLabel, boolean reads) {
        GeneratedFormat written = GeneratedFormat.named(writtenLabel);
        parseLines(written, AccessLogParser.forFormat(spec), spec, line -> {
            if (reads) {
                assertEquals(ParseStatus.OK, event.status(), line::text);
                assertEquals(written.formatName(), event.formatName());
            } else {
                assertNotEquals(ParseStatus.OK, event.status(), line::text);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"%RESPONSE_CODE", "%RESPONSE_CODE% %", "%DURATION%%RESPONSE_CODE%",
        "plain text without operators", "%UPSTREAM_WIRE_BYTES_SENT% %REQ(X-FOO)%", "%START_TIME(%a)% %RESPONSE_CODE%",
        "%START_TIME(%Y-%)% %RESPONSE_CODE%", "%% %()%", "%START_TIME(%s %RESPONSE_CODE%"})
    void formatStringsThatDoNotCompileSayWhy(String spec) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AccessLogParser.forFormat(spec));
        assertNotEquals(null, e.getMessage());
    }
}
