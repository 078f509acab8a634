package dev.meshlens.app.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The duration histogram survives the serde, whether written as now or compressed, as earlier versions did. */
class ServiceWindowSerdeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void durationsComeBackAsTheyWent() {
        ServiceWindow window = windowWithDurations();

        ServiceWindow read = ServiceWindowSerde.fromBytes(ServiceWindowSerde.toBytes(window));

        assertEquals(window.durations(), read.durations());
    }

    @Test
    void durationsWrittenCompressedByEarlierVersionsAreStillRead() throws Exception {
        ServiceWindow window = windowWithDurations();
        Histogram durations = window.durations();
        ByteBuffer buffer = ByteBuffer.allocate(durations.getNeededByteBufferCapacity());
        int length = durations.encodeIntoCompressedByteBuffer(buffer);
        ObjectNode earlier = (ObjectNode) JSON.readTree(ServiceWindowSerde.toJsonArray(java.util.List.of(window))).get(0);
        earlier.put("durations", Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length)));

        ServiceWindow read = ServiceWindowSerde.fromBytes(JSON.writeValueAsBytes(earlier));

        assertEquals(durations, read.durations());
        assertEquals(3, read.durations().getTotalCount());
    }

    private static ServiceWindow windowWithDurations() {
        ServiceWindow window = new ServiceWindow("reviews.default", 60_000, 120_000);
        window.durations().recordValue(3);
        window.durations().recordValue(250);
        window.durations().recordValue(3_000_000);
        return window;
    }
}
