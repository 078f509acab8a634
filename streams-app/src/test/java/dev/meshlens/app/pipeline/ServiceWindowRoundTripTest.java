package dev.meshlens.app.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshlens.diagnosis.Cause;
import dev.meshlens.diagnosis.Direction;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * Every field of a {@link ServiceWindow} survives each of its forms: the binary one of the store and topics, the
 * JSON one that earlier versions wrote there (still read, so that existing state restores), and the JSON array of
 * answers between instances. A field added to the classes without being compared here fails the first test.
 */
class ServiceWindowRoundTripTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyFieldIsComparedHere() {
        assertEquals(Set.of("service", "windowStart", "windowEnd", "requests", "errors", "causes", "durations", "bytes"),
                instanceFields(ServiceWindow.class));
        assertEquals(Set.of("direction", "cause", "count", "bytes", "flags", "firstSeen", "lastSeen", "sampleRequestId",
                "upstreamHosts", "routes", "statusCodes"), instanceFields(ServiceWindow.CauseCounts.class));
    }

    @Test
    void theBinaryFormKeepsEveryField() {
        ServiceWindow window = everyFieldSet();
        byte[] bytes = ServiceWindowSerde.toBytes(window);

        assertEquals(ServiceWindowBinary.MAGIC, bytes[0]);
        assertSame(window, ServiceWindowSerde.fromBytes(bytes));
    }

    @Test
    void theJsonFormEarlierVersionsStoredIsStillRead() throws Exception {
        ServiceWindow window = everyFieldSet();
        // Earlier versions stored one window as the object that is now an element of the JSON array.
        byte[] stored = JSON.writeValueAsBytes(JSON.readTree(ServiceWindowSerde.toJsonArray(List.of(window))).get(0));

        assertEquals('{', stored[0]);
        assertSame(window, ServiceWindowSerde.fromBytes(stored));
    }

    @Test
    void theJsonArrayBetweenInstancesKeepsEveryField() {
        ServiceWindow window = everyFieldSet();

        List<ServiceWindow> read = ServiceWindowSerde.fromJsonArray(ServiceWindowSerde.toJsonArray(List.of(window, window)));

        assertSame(window, read.get(0));
        assertSame(window, read.get(1));
    }

    @Test
    void aTruncatedBinaryWindowIsASerializationError() {
        byte[] bytes = ServiceWindowSerde.toBytes(everyFieldSet());

        assertThrows(SerializationException.class,
                () -> ServiceWindowSerde.fromBytes(Arrays.copyOf(bytes, bytes.length - 3)));
    }

    private static ServiceWindow everyFieldSet() {
        ServiceWindow w = new ServiceWindow("reviews.default", 60_000, 120_000);
        w.restore(new long[] {11, 12, 13, 14}, new long[] {5, 6, 7, 8}, 123_456);
        w.durations().recordValue(3);
        w.durations().recordValue(250);
        w.durations().recordValue(3_000_000);
        cause(w, Direction.OUTBOUND, Cause.NO_HEALTHY_UPSTREAM, "req-1", 1);
        cause(w, Direction.INBOUND, Cause.UPSTREAM_RESET, null, 2);
        cause(w, Direction.UNKNOWN, Cause.APPLICATION_ERROR, "req-\u00e9", 3);
        return w;
    }

    private static void cause(ServiceWindow w, Direction direction, Cause cause, String sample, int seed) {
        ServiceWindow.CauseCounts c = w.causeCounts(direction, cause);
        c.count = 100 + seed;
        c.bytes = 2_000 + seed;
        c.flags = 0x40L << seed;
        c.firstSeen = 61_000 + seed;
        c.lastSeen = 119_000 + seed;
        c.sampleRequestId = sample;
        for (int i = 0; i < ServiceWindow.TOP + 2; i++) {
            c.upstreamHosts.add(("10.44." + seed + "." + i + ":9080").intern(), i + 1);
            c.routes.add(("route-" + seed + "-" + i).intern(), 2L * i + 1);
        }
        c.statusCodes.add("503", 7);
        c.statusCodes.add("0", seed);
    }

    private static void assertSame(ServiceWindow expected, ServiceWindow actual) {
        assertEquals(expected.service(), actual.service());
        assertEquals(expected.windowStart(), actual.windowStart());
        assertEquals(expected.windowEnd(), actual.windowEnd());
        for (Direction d : Direction.values()) {
            assertEquals(expected.requests(d), actual.requests(d), "requests " + d);
            assertEquals(expected.errors(d), actual.errors(d), "errors " + d);
        }
        assertEquals(expected.bytes(), actual.bytes());
        assertEquals(expected.durations(), actual.durations());
        assertEquals(expected.causes().size(), actual.causes().size());
        for (int i = 0; i < expected.causes().size(); i++) {
            ServiceWindow.CauseCounts e = expected.causes().get(i);
            ServiceWindow.CauseCounts a = actual.causes().get(i);
            assertEquals(List.of(e.direction(), e.cause(), e.count(), e.bytes(), e.flags(), e.firstSeen(), e.lastSeen()),
                    List.of(a.direction(), a.cause(), a.count(), a.bytes(), a.flags(), a.firstSeen(), a.lastSeen()));
            assertEquals(e.sampleRequestId(), a.sampleRequestId());
            assertEquals(e.upstreamHosts().top(ServiceWindow.TOP), a.upstreamHosts().top(ServiceWindow.TOP));
            assertEquals(e.routes().top(ServiceWindow.TOP), a.routes().top(ServiceWindow.TOP));
            assertEquals(e.statusCodes().top(ServiceWindow.STATUS_TOP), a.statusCodes().top(ServiceWindow.STATUS_TOP));
        }
    }

    private static Set<String> instanceFields(Class<?> type) {
        return Arrays.stream(type.getDeclaredFields()).filter(f -> !Modifier.isStatic(f.getModifiers()))
                .map(Field::getName).collect(Collectors.toSet());
    }
}
