package dev.meshlens.parser.lines;

import dev.meshlens.parser.event.Field;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A line inside an envelope, with what the envelope says about it: its time ({@code NO_TIME} when it has
 * none), the Kubernetes and stream fields the parser must report, and the CRI partial mark.
 */
public record Wrapped(String text, long envelopeMillis, Map<Field, String> envelopeFields, boolean streamPartial) {
    public byte[] bytes() {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return text;
    }
}
