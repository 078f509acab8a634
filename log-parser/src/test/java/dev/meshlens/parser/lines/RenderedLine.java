package dev.meshlens.parser.lines;

import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.event.Field;
import java.util.EnumMap;
import java.util.Map;

/**
 * An access line as a format printed it: its text, and for each access field the line carries, the value as
 * printed ({@code -} or null where the line says the value is absent). Fields the format has no place for are
 * not keys. {@link #startMillis} is the start time at the precision the line keeps, or {@link AccessEvent#NO_TIME}.
 */
public record RenderedLine(String text, AccessRecord record, Map<Field, String> printed, long startMillis) {

    /** The same line with its leading {@code [START_TIME] } (or more) cut off by whoever copied it. */
    public RenderedLine withoutStartTime(String cutText) {
        Map<Field, String> rest = new EnumMap<>(printed);
        rest.remove(Field.START_TIME);
        return new RenderedLine(cutText, record, rest, AccessEvent.NO_TIME);
    }

    public boolean carries(Field field) {
        return printed.containsKey(field);
    }

    /** The text the parser must report for the field, or null when it must report the field absent. */
    public String expectedText(Field field) {
        String value = printed.get(field);
        return value == null || value.isEmpty() || value.equals("-") ? null : value;
    }

    /** The number the parser must report, or {@link AccessEvent#ABSENT}. */
    public long expectedNumber(Field field) {
        return expectedText(field) == null ? AccessEvent.ABSENT : record.number(field);
    }

    @Override
    public String toString() {
        return text;
    }
}
