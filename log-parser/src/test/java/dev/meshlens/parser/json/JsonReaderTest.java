package dev.meshlens.parser.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link JsonReader}: stepping through an object's keys and values, skipping containers, refusing junk. */
class JsonReaderTest {

    /** Reads a flat walk of the object as {@code key=TYPE:token} items; containers are skipped. */
    private static List<String> walk(String json) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        JsonReader r = new JsonReader().wrap(b, 0, b.length);
        List<String> items = new ArrayList<>();
        if (!r.enterObject()) {
            items.add("ERROR:enter");
            return items;
        }
        int k;
        while ((k = r.nextKey()) == JsonReader.STRING) {
            String key = new String(b, r.tokenStart(), r.tokenEnd() - r.tokenStart(), StandardCharsets.UTF_8);
            int type = r.nextValue();
            String token = switch (type) {
                case JsonReader.STRING, JsonReader.NUMBER -> new String(b, r.tokenStart(),
                        r.tokenEnd() - r.tokenStart(), StandardCharsets.UTF_8) + (r.tokenEscaped() ? "(escaped)" : "");
                case JsonReader.OBJECT, JsonReader.ARRAY -> r.skipContainer(1) ? "skipped" : "unskippable";
                default -> "";
            };
            items.add(key + "=" + type + ":" + token);
            if (type == JsonReader.ERROR) {
                return items;
            }
        }
        items.add(k == JsonReader.END && r.atEnd() ? "END" : "ERROR:" + r.position());
        return items;
    }

    @Test
    void everyValueTypeIsReported() {
        String json = " { \"s\" : \"a\\\"b\" ,\"n\":-12.5e3, \"z\":null,\"t\":true,\"f\":false,"
                + "\"o\":{\"x\":[1,{\"y\":\"}]\"}]},\"a\":[\"]\",[]],\"e\":\"\"}  ";
        assertEquals(List.of("s=1:a\\\"b(escaped)", "n=2:-12.5e3", "z=3:", "t=4:", "f=5:", "o=6:skipped",
                "a=7:skipped", "e=1:", "END"), walk(json));
    }

    @Test
    void emptyObjectEndsAtOnce() {
        assertEquals(List.of("END"), walk("{}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1", "{\"a\" 1}", "{\"a\":\"unterminated}", "{a:1}", "{\"a\":nul}",
        "{\"a\":tru}", "{\"a\":fals}", "{\"a\":falsy}", "{\"a\":1} trailing", "{\"a\":[1,2}", "{\"a\":@}",
        "{\"a\":", "{\"a\\\":1}"})
    void malformedObjectsEndInAnError(String json) {
        List<String> items = walk(json);
        String last = items.get(items.size() - 1);
        assertTrue(last.startsWith("ERROR") || last.contains("=-1:") || last.endsWith("unskippable"),
                () -> json + " -> " + items);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "[1]", "\"s\"", "x{}"})
    void onlyAnObjectCanBeEntered(String json) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        assertFalse(new JsonReader().wrap(b, 0, b.length).enterObject());
    }

    @Test
    void containersNestedUpToTheLimitAreSkippedAndDeeperOnesRefused() {
        int allowed = JsonReader.MAX_DEPTH - 1;
        assertEquals("a=7:skipped", walk("{\"a\":" + "[".repeat(allowed) + "]".repeat(allowed) + "}").get(0));
        int tooDeep = JsonReader.MAX_DEPTH;
        assertEquals("a=7:unskippable", walk("{\"a\":" + "[".repeat(tooDeep) + "]".repeat(tooDeep) + "}").get(0));
        assertEquals("a=6:unskippable", walk("{\"a\":" + "{\"a\":".repeat(200_000)).get(0));
    }

    @Test
    void readingStopsAtTheEndOfTheRangeNotOfTheArray() {
        byte[] b = "{\"a\":\"xyz\"}{\"b\":2}".getBytes(StandardCharsets.UTF_8);
        JsonReader r = new JsonReader().wrap(b, 0, 11);
        assertTrue(r.enterObject());
        assertEquals(JsonReader.STRING, r.nextKey());
        assertEquals(JsonReader.STRING, r.nextValue());
        assertEquals(JsonReader.END, r.nextKey());
        assertTrue(r.atEnd());
        JsonReader cut = new JsonReader().wrap(b, 0, 8);
        assertTrue(cut.enterObject());
        assertEquals(JsonReader.STRING, cut.nextKey());
        assertEquals(JsonReader.ERROR, cut.nextValue(), "the string's closing quote lies past the range");
    }
}
