package dev.meshlens.parser.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link KeyTable}: keys of every length found wherever they stand, near misses refused. */
class KeyTableTest {
    private static final String[] KEYS = {"a", "_p", "log", "time", "stream", "pod_name", "namespace_name",
        "upstream_cluster", "upstream_host", "connection_termination_details", "service.istio.io/canonical-name",
        "service.istio.io/canonical-revision", "kubectl.kubernetes.io/default-container"};

    private static KeyTable table() {
        KeyTable table = new KeyTable();
        for (int id = 0; id < KEYS.length; id++) {
            table.put(KEYS[id], id);
        }
        return table;
    }

    /** Looks {@code key} up where it stands in a JSON object, and again at the very end of an array. */
    private static int[] lookUp(KeyTable table, String key) {
        byte[] inObject = ("{\"" + key + "\":1}").getBytes(StandardCharsets.UTF_8);
        byte[] atEnd = key.getBytes(StandardCharsets.UTF_8);
        return new int[] {table.get(inObject, 2, atEnd.length), table.get(atEnd, 0, atEnd.length)};
    }

    @Test
    void everyKeyIsFoundInsideAnObjectAndAtTheEndOfItsArray() {
        KeyTable table = table();
        for (int id = 0; id < KEYS.length; id++) {
            assertEquals(Arrays.toString(new int[] {id, id}), Arrays.toString(lookUp(table, KEYS[id])), KEYS[id]);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "b", "_q", "lo", "logs", "Log", "time ", "pod-name", "upstream_clustex",
        "upstream_clusters", "connection_termination_xetails", "service.istio.io/canonical-namf",
        "service.istio.io/canonicax-name", "kubectl.kubernetes.io/default-container2"})
    void nearMissesAreMissing(String key) {
        int[] missing = {KeyTable.MISSING, KeyTable.MISSING};
        assertEquals(Arrays.toString(missing), Arrays.toString(lookUp(table(), key)), key);
    }
}
