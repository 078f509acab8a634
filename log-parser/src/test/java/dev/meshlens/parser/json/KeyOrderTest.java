package dev.meshlens.parser.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link KeyOrder}: a guessed key is checked, never trusted; ids are the table's whatever the order. */
class KeyOrderTest {
    private static final KeyTable TABLE = new KeyTable().put("log", 1).put("stream", 2).put("time", 3)
            .put("kubernetes_namespace_name", 4);

    /** The ids of the object's keys read through {@code keys}, and whether each key was the expected one. */
    private static List<String> read(KeyOrder keys, String json) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        JsonReader r = new JsonReader().wrap(b, 0, b.length);
        assertTrue(r.enterObject());
        keys.restart();
        List<String> ids = new ArrayList<>();
        while (r.nextKey(keys.table(), keys.expected()) == JsonReader.STRING) {
            String key = new String(b, r.tokenStart(), r.tokenEnd() - r.tokenStart(), StandardCharsets.UTF_8);
            ids.add(key + "=" + keys.read(r, b) + (r.keyWasExpected() ? "!" : ""));
            assertEquals(JsonReader.NUMBER, r.nextValue());
        }
        return ids;
    }

    @Test
    void theOrderSeenLastIsExpectedAndAnyOtherOrderStillReadsRight() {
        KeyOrder keys = new KeyOrder(TABLE);
        String json = "{\"log\":1,\"other\":2,\"stream\":3,\"kubernetes_namespace_name\":4}";
        assertEquals(List.of("log=1", "other=-1", "stream=2", "kubernetes_namespace_name=4"), read(keys, json));
        assertEquals(List.of("log=1!", "other=-1", "stream=2!", "kubernetes_namespace_name=4!"), read(keys, json));
        assertEquals(List.of("stream=2", "log=1", "time=3", "other=-1"),
                read(keys, "{\"stream\":1,\"log\":2,\"time\":3,\"other\":4}"));
    }

    @Test
    void aKeyThatOnlyStartsLikeTheExpectedOneIsNotTakenForIt() {
        KeyOrder keys = new KeyOrder(TABLE);
        read(keys, "{\"log\":1}");
        assertEquals(List.of("logs=-1"), read(keys, "{\"logs\":1}"));
        read(keys, "{\"log\":1}");
        assertEquals(List.of("lo\\\"g=-1"), read(keys, "{\"lo\\\"g\":1}"));
        read(keys, "{\"log\":1}");
        assertEquals(List.of("lo\\u0067=-1"), read(keys, "{\"lo\\u0067\":1}"));
    }

    @Test
    void anExpectedKeyNotRightBeforeItsColonIsSearchedForAndReadTheSame() {
        KeyOrder keys = new KeyOrder(TABLE);
        String compact = "{\"log\":1,\"kubernetes_namespace_name\":2}";
        read(keys, compact);
        assertEquals(List.of("log=1", "kubernetes_namespace_name=4"),
                read(keys, "{\"log\" :1,\"kubernetes_namespace_name\"\t:2}"));
        read(keys, compact);
        assertEquals(List.of("log=1", "kubernetes_namespace_name=4"),
                read(keys, "{ \"log\":1 , \"kubernetes_namespace_name\":2}"));
        read(keys, compact);
        byte[] b = "{\"log\"1}".getBytes(StandardCharsets.UTF_8);
        JsonReader r = new JsonReader().wrap(b, 0, b.length);
        assertTrue(r.enterObject());
        assertEquals(JsonReader.ERROR, r.nextKey(keys.table(), keys.restart().expected()));
    }

    @Test
    void anExpectedKeyCutOffByTheEndOfInputIsAnError() {
        KeyOrder keys = new KeyOrder(TABLE);
        read(keys, "{\"stream\":1}");
        byte[] b = "{\"stream".getBytes(StandardCharsets.UTF_8);
        JsonReader r = new JsonReader().wrap(b, 0, b.length);
        assertTrue(r.enterObject());
        assertEquals(JsonReader.ERROR, r.nextKey(keys.table(), keys.restart().expected()));
        assertFalse(r.keyWasExpected());
    }
}
