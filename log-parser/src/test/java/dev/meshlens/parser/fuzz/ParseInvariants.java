package dev.meshlens.parser.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.meshlens.parser.AccessLogParser;
import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.event.ByteView;
import dev.meshlens.parser.event.Field;
import dev.meshlens.parser.event.ParseStatus;
import dev.meshlens.parser.json.AccessEventJson;
import dev.meshlens.parser.json.JsonOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * What every parse must keep, whatever the bytes: a status that says why and where inside the record, views
 * inside the buffer (or the event's own arena), JSON output that Jackson reads and that the JSON format reads
 * back to the same response code and flags, and the same outcome from a second parse into a fresh event.
 * The shared event is never reset by hand, so it carries whatever the previous input left in it: the flyweight
 * must clear it.
 */
final class ParseInvariants {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectReader STRICT_JSON = MAPPER.readerFor(JsonNode.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final AccessEvent REUSED = new AccessEvent();
    private static final AccessLogParser JSON = AccessLogParser.forFormat("json");
    private static final AccessEventJson WRITER = new AccessEventJson();

    private ParseInvariants() {
    }

    /**
     * Parses {@code b[off, off + len)} twice with {@code parser}, checks every invariant, and returns the
     * outcome as text (status, where, why, and the event's JSON) for comparisons between parses.
     */
    static String check(AccessLogParser parser, byte[] b, int off, int len) {
        ParseStatus status = parser.parse(b, off, len, REUSED);
        checkStatus(status, REUSED, len);
        checkViews(REUSED, b, off, len);
        String first = describe(REUSED);
        if (status.hasEvent()) {
            checkJsonRoundTrip(REUSED);
        }
        AccessEvent fresh = new AccessEvent();
        parser.parse(b, off, len, fresh);
        assertEquals(first, describe(fresh), "a second parse of the same bytes, into a fresh event");
        return first;
    }

    private static void checkStatus(ParseStatus status, AccessEvent event, int len) {
        assertTrue(status != null && status == event.status(), () -> "returned " + status + ", event says "
                + event.status());
        int at = event.errorOffset();
        if (status == ParseStatus.OK) {
            assertEquals(-1, at, "an OK record has no error offset");
            assertTrue(event.formatName() != null, "an OK record names its format");
            return;
        }
        assertTrue(!status.reason().isEmpty(), "a rejection says why");
        assertTrue(at >= 0 && at <= len, () -> status + " at offset " + at + " of a " + len + "-byte record");
        assertTrue(status != ParseStatus.PARTIAL || event.formatName() != null, "a partial record names its format");
    }

    /** Views on the input stay inside {@code [off, off + len)}; others (the arena) inside their array. */
    private static void checkViews(AccessEvent event, byte[] b, int off, int len) {
        for (Field field : Field.values()) {
            ByteView view = event.text(field);
            if (view == null) {
                continue;
            }
            int start = view.offset();
            int end = start + view.length();
            boolean inside = view.bytes() == b
                    ? start >= off && end <= off + len
                    : start >= 0 && view.length() >= 0 && end <= view.bytes().length;
            assertTrue(inside, () -> field + " view [" + start + ", " + end + ") outside "
                    + (view.bytes() == b ? "the record [" + off + ", " + (off + len) + ")" : "its array"));
        }
    }

    private static void checkJsonRoundTrip(AccessEvent event) {
        JsonOutput out = new JsonOutput();
        WRITER.write(event, 0, out);
        byte[] ours = Arrays.copyOf(out.buffer(), out.length());
        try {
            JsonNode node = STRICT_JSON.readValue(ours);
            assertTrue(node.isObject(), () -> "the event's JSON is not an object: " + out);
        } catch (IOException e) {
            throw new AssertionError("the event's JSON is not valid JSON: " + out, e);
        }
        AccessEvent back = new AccessEvent();
        ParseStatus status = JSON.parse(ours, 0, ours.length, back);
        assertTrue(status.hasEvent(), () -> "the JSON format rejects the event's own JSON (" + status + " on "
                + back.errorField() + "): " + out);
        assertEquals(event.responseCode(), back.responseCode(), () -> "response code after a JSON round trip: " + out);
        assertEquals(event.responseFlags(), back.responseFlags(), () -> "response flags after a JSON round trip: "
                + out);
    }

    /** The whole outcome as text: status, where and why, and every value (through the JSON writer). */
    private static String describe(AccessEvent event) {
        String outcome = event.status() + " at " + event.errorOffset() + " field " + event.errorField();
        if (!event.status().hasEvent()) {
            return outcome;
        }
        JsonOutput out = new JsonOutput();
        WRITER.write(event, 0, out);
        return outcome + " " + out;
    }
}
