package dev.meshlens.parser.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.meshlens.parser.Seeds;
import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.lines.Strftime;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link TimePattern}: what {@code %START_TIME(...)%} patterns write, read back to the millis they keep. */
class TimePatternTest {
    private static final ZoneOffset[] ZONES = {
        ZoneOffset.UTC, ZoneOffset.ofHoursMinutes(5, 30), ZoneOffset.ofHours(-8), ZoneOffset.ofHoursMinutes(-3, -30)};

    private static long parse(TimePattern pattern, String text) {
        byte[] b = ("[" + text + "]").getBytes(StandardCharsets.US_ASCII);
        return pattern.parseMillis(b, 1, b.length - 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "%s.%3f", "%s", "%s%%", "%s.%1f", "%s.%2f", "%s.%4f", "%s.%5f", "%s.%6f", "%s.%7f", "%s.%8f", "%s.%9f",
        "%Y/%m/%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S.%f%z", "%Y%m%d%H%M%S", "%d/%m/%Y %H:%M:%S.%1f",
        "%Y-%m-%dT%H:%M:%S.%6fZ", "at %H:%M:%S on %d.%m.%Y (%z) %%"})
    void randomTimesReadBackToTheMillisThePatternKeeps(String pattern) {
        TimePattern compiled = TimePattern.compile(pattern);
        long seed = Seeds.of("TimePattern", pattern);
        Random random = new Random(seed);
        for (int i = 0; i < 2_000; i++) {
            long millis = (long) (random.nextDouble() * 4_000_000_000_000L);
            // Without %z the text is read as UTC, so it must be written in UTC.
            ZoneOffset zone = pattern.contains("%z") ? ZONES[random.nextInt(ZONES.length)] : ZoneOffset.UTC;
            String text = Strftime.format(millis, pattern, zone);
            assertEquals(Strftime.keptMillis(millis, pattern), parse(compiled, text),
                    () -> pattern + " wrote " + text + " (seed " + seed + ")");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "%Y-%m-%dT%H:%M:%S%z | 2020-11-25T21:26:18Z      | 2020-11-25T21:26:18Z",
        "%Y-%m-%dT%H:%M:%S%z | 2020-11-25T21:26:18+05:30 | 2020-11-25T15:56:18Z",
        "%Y-%m-%dT%H:%M:%S%z | 2020-11-25T21:26:18-0130  | 2020-11-25T22:56:18Z",
        "%s.%3f              | 0.000                     | 1970-01-01T00:00:00Z",
        "%Y-%m-%d            | 2024-02-29                | 2024-02-29T00:00:00Z"})
    void zonesAndEdgesOfHandWrittenTimes(String pattern, String text, String instant) {
        assertEquals(Instant.parse(instant).toEpochMilli(), parse(TimePattern.compile(pattern), text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "%s.%3f              | 1606339578,409",
        "%s.%3f              | 1606339578.",
        "%s.%3f              | .409",
        "%s                  | '1606339578 '",
        "%Y-%m-%d            | 2021-02-29",
        "%Y-%m-%d            | 2021-04-31",
        "%Y-%m-%d            | 2021-13-01",
        "%Y-%m-%dT%H:%M:%S   | 2021-01-01T24:00:00",
        "%Y-%m-%dT%H:%M:%S   | 2021-01-01T23:60:00",
        "%Y-%m-%dT%H:%M:%S%z | 2021-01-01T00:00:00+01",
        "%Y-%m-%dT%H:%M:%S%z | 2021-01-01T00:00:00+0a:00",
        "%Y-%m-%dT%H:%M:%S%z | 2021-01-01T00:00:00",
        "%Y/%m/%d            | 2021-01-01",
        "%s%%                | 1606339578"})
    void textThatDoesNotFitThePatternIsRejected(String pattern, String text) {
        assertEquals(AccessEvent.NO_TIME, parse(TimePattern.compile(pattern), text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"%a", "%Y-%", "%5x", "%5", "%Y %b"})
    void unsupportedConversionsDoNotCompile(String pattern) {
        assertThrows(IllegalArgumentException.class, () -> TimePattern.compile(pattern));
    }
}
