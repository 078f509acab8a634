package dev.meshlens.parser.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.meshlens.parser.AccessLogParser;
import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.event.Field;
import dev.meshlens.parser.event.IsoTime;
import dev.meshlens.parser.event.ParseStatus;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The matcher's shortcuts (a number and its space read from one word, START_TIME looked for at its usual
 * length first) give what the general path gives: the same values, and the same failures where they do not apply.
 */
class LogFormatShortcutsTest {
    private static final AccessLogParser PARSER =
            AccessLogParser.forFormat("[%START_TIME%] %REQ(:AUTHORITY)% %RESPONSE_CODE% %BYTES_SENT% %DURATION%\n");

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-24T23:50:00Z", "2026-11-24T23:50:00.12Z", "2026-11-24T23:50:00.123Z",
            "2026-11-24T23:50:00.1234Z", "2026-11-24T23:50:00.123456+01:00"})
    void startTimeOfAnyLength(String time) {
        AccessEvent event = parse("[" + time + "] host 200 1234 5");
        assertEquals(ParseStatus.OK, event.status());
        byte[] bytes = time.getBytes(StandardCharsets.US_ASCII);
        assertEquals(IsoTime.parseMillis(bytes, 0, bytes.length), event.startTimeMillis());
        assertEquals("host", event.text(Field.AUTHORITY).toString());
    }

    @ParameterizedTest
    @CsvSource({"2026-11-24T23:50:00Z, ab]", "2026-11-24T23:50:00.1Z, ]"})
    void aShorterTimeEndsAtTheFirstCloseBracket(String time, String authority) {
        // "] " stands again where a 24-byte time would end: the first one still ends the time.
        AccessEvent event = parse("[" + time + "] " + authority + " 200 1234 5");
        assertEquals(ParseStatus.OK, event.status());
        assertEquals(time, event.text(Field.START_TIME).toString());
        assertEquals(authority, event.text(Field.AUTHORITY).toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "200 0 0           | OK        | 200 | 0        | 0",
            "503 1234567 12    | OK        | 503 | 1234567  | 12",
            "200 12345678 7    | OK        | 200 | 12345678 | 7",
            "200 123456789012 7| OK        | 200 | 123456789012 | 7",
            "200 - 7           | OK        | 200 | -1       | 7",
            "0 5 99999999      | OK        | 0   | 5        | 99999999",
            "1000 5 7          | BAD_FIELD | -1  | -1       | -1",
            "999 5 7           | OK        | 999 | 5        | 7",
            "20x 5 7           | BAD_FIELD | -1  | -1       | -1",
            "200 5\"7 7        | PARTIAL   | 200 | -1       | -1",
            "200 1234567890123456789 7 | PARTIAL | 200 | -1 | -1"})
    void numbers(String numbers, ParseStatus status, int code, long bytesSent, long duration) {
        AccessEvent event = parse("[2026-11-24T23:50:00.123Z] host " + numbers.strip());
        assertEquals(status, event.status());
        assertEquals(code, event.responseCode());
        assertEquals(bytesSent, event.bytesSent());
        assertEquals(duration, event.duration());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 7, 8, 9})
    void numbersNearTheEndOfTheArray(int trailing) {
        // The word read for a number may not reach past the array: then the general path reads it.
        String line = "[2026-11-24T23:50:00.123Z] host 204 77 3";
        byte[] b = (line + " ".repeat(trailing)).getBytes(StandardCharsets.US_ASCII);
        AccessEvent event = new AccessEvent();
        assertEquals(ParseStatus.OK, PARSER.parse(b, 0, line.length(), event));
        assertEquals(204, event.responseCode());
        assertEquals(77, event.bytesSent());
        assertEquals(3, event.duration());
    }

    private static AccessEvent parse(String line) {
        AccessEvent event = new AccessEvent();
        byte[] b = line.getBytes(StandardCharsets.US_ASCII);
        PARSER.parse(b, 0, b.length, event);
        return event;
    }
}
