package dev.meshlens.parser.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshlens.parser.AccessLogParser;
import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.event.Field;
import dev.meshlens.parser.event.ParseStatus;
import dev.meshlens.parser.event.ResponseFlag;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code response_flags} as a JSON array, the shape MeshLens's own output and the access-event schema use: the
 * JSON format reads back what {@link AccessEventJson} writes (found by fuzzing, RELIABILITY.md finding F1).
 */
class FlagArrayTest {
    private static final AccessLogParser JSON = AccessLogParser.forFormat("json");
    private final AccessEvent event = new AccessEvent();

    private ParseStatus parse(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return JSON.parse(bytes, 0, bytes.length, event);
    }

    @ParameterizedTest
    @EnumSource(value = ResponseFlag.class, names = "UNKNOWN", mode = EnumSource.Mode.EXCLUDE)
    void everyFlagSurvivesTheRoundTripThroughOurOwnJson(ResponseFlag flag) {
        String line = "{\"response_code\":503,\"response_flags\":\"" + flag.shortCode() + ",URX\"}";
        assertTrue(parse(line).hasEvent(), line);
        long written = event.responseFlags();
        JsonOutput out = new JsonOutput();
        new AccessEventJson().write(event, 1, out);
        byte[] ours = Arrays.copyOf(out.buffer(), out.length());

        AccessEvent back = new AccessEvent();
        ParseStatus status = JSON.parse(ours, 0, ours.length, back);

        assertTrue(status.hasEvent(), () -> status + " on " + back.errorField() + ": " + out);
        assertEquals(written, back.responseFlags(), out::toString);
        assertEquals(503, back.responseCode());
    }

    @Test
    void codesAreJoinedAsIstioWritesThem() {
        assertTrue(parse("{\"response_code\":503,\"response_flags\":[ \"UF\" , \"URX\" ]}").hasEvent());
        assertEquals(ResponseFlag.UF.bit() | ResponseFlag.URX.bit(), event.responseFlags());
        assertEquals("UF,URX", event.text(Field.RESPONSE_FLAGS).toString());
    }

    @Test
    void longNamesAndEscapesAreCodesToo() {
        assertTrue(parse("{\"response_flags\":[\"UpstreamConnectionFailure\",\"\\u004eR\"]}").hasEvent());
        assertEquals(ResponseFlag.UF.bit() | ResponseFlag.NR.bit(), event.responseFlags());
    }

    @Test
    void anEmptyArrayIsNoFlag() {
        assertTrue(parse("{\"response_code\":200,\"response_flags\":[]}").hasEvent());
        assertEquals(0L, event.responseFlags());
    }

    @Test
    void manyCodesOutgrowTheArenaWithoutLosingTheFirst() {
        StringBuilder codes = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            codes.append(i == 0 ? "" : ",").append(i % 2 == 0 ? "\"UH\"" : "\"DownstreamConnectionTermination\"");
        }
        assertTrue(parse("{\"response_flags\":[" + codes + "]}").hasEvent());
        assertEquals(ResponseFlag.UH.bit() | ResponseFlag.DC.bit(), event.responseFlags());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1]", "[\"UF\",]", "[\"UF\" \"URX\"]", "[\"\"]", "[\"UF\",\"\"]", "[[\"UF\"]]",
        "[\"U F\"]", "[\"UF\"", "[null]"})
    void aBadArrayIsABadFlagsField(String flags) {
        ParseStatus status = parse("{\"response_code\":503,\"response_flags\":" + flags + "}");

        assertTrue(status == ParseStatus.BAD_FIELD || status == ParseStatus.BAD_JSON, () -> flags + ": " + status);
        if (status == ParseStatus.BAD_FIELD) {
            assertEquals(Field.RESPONSE_FLAGS, event.errorField(), flags);
        }
    }
}
