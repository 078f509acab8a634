package dev.meshlens.app.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What one instance answers on {@code /api/v1/local/*} and another reads back for a listing: the partitions
 * and the items, the items passed on as the very bytes the answering instance wrote (decoded once, by the
 * listing), not parsed and written again on either side.
 */
class LocalAnswerTest {
    /** Spaces and an exponent that a parse and a write again would not keep. */
    private static final String ITEMS = "[ {\"service\": \"reviews.default\",  \"requests\": 1.0E3}, [] ]";

    @Test
    void passesTheItemsOnByteForByteWithTheirPartitions() {
        LocalState.Covered<byte[]> read = ClusterQueries.share(ClusterQueries.localAnswer(
                new LocalState.Covered<>(List.of(2, 0), ITEMS.getBytes(StandardCharsets.UTF_8))));
        assertEquals(List.of(2, 0), read.partitions());
        assertEquals(ITEMS, new String(read.value(), StandardCharsets.UTF_8));
    }

    @Test
    void writesTheLocalAnswerAsOneJsonObject() {
        byte[] answer = ClusterQueries.localAnswer(new LocalState.Covered<>(List.of(1, 3), "[]".getBytes(StandardCharsets.UTF_8)));
        assertEquals("{\"partitions\":[1,3],\"items\":[]}", new String(answer, StandardCharsets.UTF_8));
    }

    @Test
    void readsFieldsInAnyOrderAndSkipsOnesItDoesNotKnow() {
        LocalState.Covered<byte[]> read = ClusterQueries.share(
                "{ \"items\" : [1, {\"a\": [2]}], \"since\": {\"x\": 1}, \"partitions\" : [ 3, 1 ] }"
                        .getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(3, 1), read.partitions());
        assertEquals("[1, {\"a\": [2]}]", new String(read.value(), StandardCharsets.UTF_8));
    }

    @Test
    void anUnreadableAnswerIsRetryLater() {
        for (String body : List.of("not json", "{\"partitions\":[0]}", "{\"items\":[]}", "{\"partitions\":[0],\"items\":[1,",
                "{\"partitions\":\"0\",\"items\":[]}", "{\"partitions\":[0],\"items\":{}}", "[]")) {
            ApiException e = assertThrows(ApiException.class,
                    () -> ClusterQueries.share(body.getBytes(StandardCharsets.UTF_8)), body);
            assertEquals(503, e.status(), body);
            assertEquals("an instance sent an unreadable answer; retry", e.getMessage(), body);
        }
    }
}
