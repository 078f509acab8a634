package dev.meshlens.diagnosis;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshlens.parser.AccessLogParser;
import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.event.ParseStatus;
import java.nio.charset.StandardCharsets;

/** Decodes test lines with the auto-detecting parser, failing the test when a line does not decode. */
final class Lines {
    private final AccessLogParser parser = AccessLogParser.auto();
    private final AccessEvent event = new AccessEvent();

    /** The event of a line written to be whole; reused by the next call. */
    AccessEvent decode(String line) {
        return decode(line, false);
    }

    /** The event of a real line, which may be cut short by whoever pasted it. */
    AccessEvent decodeReal(String line) {
        return decode(line, true);
    }

    private AccessEvent decode(String line, boolean partialAllowed) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        ParseStatus status = parser.parse(bytes, 0, bytes.length, event);
        assertTrue(status == ParseStatus.OK || partialAllowed && status == ParseStatus.PARTIAL,
                () -> status + " at byte " + event.errorOffset() + ": " + line);
        return event;
    }
}
