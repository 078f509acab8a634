package dev.meshlens.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.event.Field;
import dev.meshlens.parser.event.ParseStatus;
import dev.meshlens.parser.lines.AccessRecord;
import dev.meshlens.parser.lines.Envelope;
import dev.meshlens.parser.lines.FlagSet;
import dev.meshlens.parser.lines.GeneratedFormat;
import dev.meshlens.parser.lines.JsonEscaping;
import dev.meshlens.parser.lines.Origin;
import dev.meshlens.parser.lines.Records;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Input built to hurt: megabyte lines, nesting bombs, numbers that do not fit. Bounded, and never fatal. */
class HostileInputTest {
    private static final int MEGABYTE = 1_000_000;
    private final AccessEvent event = new AccessEvent();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aMegabyteUserAgentIsReadWholeBareAndInAFluentBitRecord() {
        AccessLogParser auto = AccessLogParser.auto();
        Fuzz.run("megabyteValue", 4, (random, i) -> {
            String userAgent = "agent/" + "x".repeat(MEGABYTE);
            AccessRecord record = Records.http(random, FlagSet.NONE).text(Field.USER_AGENT, userAgent);
            String line = GeneratedFormat.named("istio-1.9").render(record, random).text();
            Envelope envelope = i % 2 == 0 ? Envelope.NONE : Envelope.FLUENT_BIT;
            byte[] bytes = envelope.wrap(line, Origin.random(random), random).bytes();
            assertEquals(ParseStatus.OK, Fuzz.parse(auto, bytes, event, random));
            assertEquals(userAgent.length(), event.text(Field.USER_AGENT).length());
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"", "[", "{", "\\", "\" \"", "\"\"", "[2024-", "{\"log\":", ",", "\\u", "\"- - -\" "})
    void megabyteLinesOfOnePatternRepeated(String pattern) {
        byte[] line = utf8(pattern.repeat(MEGABYTE / pattern.length()));
        Fuzz.run("repeated " + pattern, 1, (random, i) -> {
            for (String spec : new String[] {"auto", "json", GeneratedFormat.CUSTOM_BARE_TIME}) {
                assertFalse(Fuzz.parse(AccessLogParser.forFormat(spec), line, event, random).hasEvent());
            }
        });
    }

    @Test
    void megabyteGarbageAndJsonStringsThatNeverEnd() {
        Fuzz.run("megabyteGarbage", 6, (random, i) -> {
            byte[] garbage = new byte[MEGABYTE];
            random.nextBytes(garbage);
            Fuzz.parse(AccessLogParser.auto(), garbage, event, random);
            byte[] endless = utf8("{\"log\":\"" + "\\\"".repeat(MEGABYTE / 2));
            assertEquals(ParseStatus.BAD_JSON, Fuzz.parse(AccessLogParser.auto(), endless, event, random));
        });
    }

    @Test
    void aLineOverTheMaximumIsRefusedUnread() {
        byte[] line = new byte[AccessLogParser.DEFAULT_MAX_LINE_LENGTH + 1];
        Arrays.fill(line, (byte) 'a');
        Fuzz.run("tooLong", 1, (random, i) ->
                assertEquals(ParseStatus.TOO_LONG, Fuzz.parse(AccessLogParser.auto(), line, event, random)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"log\":%[", "%{\"a\":", "{\"kubernetes\":{\"labels\":%{\"a\":", "%[",
        "{\"kubernetes\":{\"pod\":%[", "{\"response_code\":%{\"a\":", "{\"a\":[%{\"b\":[", "{\"log\":\"%{"})
    void nestingBombsAreRefusedQuickly(String shape) {
        // %X: X repeated 100,000 times.
        int percent = shape.indexOf('%');
        byte[] line = utf8(shape.substring(0, percent) + shape.substring(percent + 1).repeat(100_000));
        Fuzz.run("bomb " + shape, 1, (random, i) -> {
            for (String spec : new String[] {"auto", "json"}) {
                assertFalse(Fuzz.parse(AccessLogParser.forFormat(spec), line, event, random).hasEvent());
            }
        });
    }

    /** An envelope inside an envelope inside ...: one level is a shipper's record, ten is an attack. */
    @Test
    void envelopesNestedTenDeepAreRefused() {
        Random random = new Random(Seeds.of("nestedEnvelopes"));
        String line = GeneratedFormat.named("envoy").render(Records.any(random), random).text();
        String record = line;
        for (int depth = 1; depth <= 10; depth++) {
            record = "{\"log\":" + JsonEscaping.MINIMAL.quote(record) + "}";
            ParseStatus status = Fuzz.parse(AccessLogParser.auto(), utf8(record), event, random);
            if (depth == 1) {
                assertEquals(ParseStatus.OK, status);
            }
            if (depth == 10) {
                assertEquals(ParseStatus.BAD_ENVELOPE, status);
            }
        }
    }

    /** A number that does not fit its field is a bad field, whatever its size or shape. */
    @ParameterizedTest
    @ValueSource(strings = {"99999999999999999999", "9223372036854775808", "1000000000000000000", "-5", "1.5", "1e400",
        "-0"})
    void numbersThatDoNotFitAreBadFields(String number) {
        Random random = new Random(Seeds.of("hugeNumbers", number));
        AccessRecord record = Records.http(random, FlagSet.NONE).number(Field.DURATION, 777_777_777L);
        String typedJson = GeneratedFormat.named("json-typed").render(record, random).text()
                .replace("\"duration\":777777777", "\"duration\":" + number);
        Fuzz.run("hugeNumbers " + number, 1, (r, i) -> {
            assertEquals(ParseStatus.BAD_FIELD, Fuzz.parse(AccessLogParser.auto(), utf8(typedJson), event, r));
            assertEquals(Field.DURATION, event.errorField());
            String text = GeneratedFormat.named("istio-1.9").render(record, random).text()
                    .replace(" 777777777 ", " " + number + " ");
            assertEquals(ParseStatus.PARTIAL, Fuzz.parse(AccessLogParser.forFormat("istio"), utf8(text), event, r));
            assertEquals(Field.DURATION, event.errorField());
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"1000", "99999", "-1", "2OO"})
    void responseCodesThatAreNotCodesRefuseTheLine(String code) {
        Random random = new Random(Seeds.of("badCodes", code));
        AccessRecord record = Records.http(random, FlagSet.NONE).number(Field.RESPONSE_CODE, 503);
        String text = GeneratedFormat.named("istio-1.9").render(record, random).text()
                .replace("\" 503 ", "\" " + code + " ");
        Fuzz.run("badCodes " + code, 1, (r, i) ->
                assertFalse(Fuzz.parse(AccessLogParser.auto(), utf8(text), event, r).hasEvent(), text));
    }
}
