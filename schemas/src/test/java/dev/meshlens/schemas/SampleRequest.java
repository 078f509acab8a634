package dev.meshlens.schemas;

import dev.meshlens.parser.event.Field;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/** One request's access-line values, field by field, as the bytes a sidecar writes; a field left out is absent. */
final class SampleRequest {
    private final String name;
    private final Map<Field, byte[]> values;

    private SampleRequest(String name, Map<Field, byte[]> values) {
        this.name = name;
        this.values = values;
    }

    static SampleRequest named(String name) {
        return new SampleRequest(name, new EnumMap<>(Field.class));
    }

    SampleRequest with(Field field, String text) {
        return withBytes(field, text.getBytes(StandardCharsets.UTF_8));
    }

    SampleRequest withBytes(Field field, byte[] raw) {
        Map<Field, byte[]> copy = new EnumMap<>(Field.class);
        copy.putAll(values);
        copy.put(field, raw);
        return new SampleRequest(name, copy);
    }

    String name() {
        return name;
    }

    /** The raw value, or null when absent. */
    byte[] value(Field field) {
        return values.get(field);
    }

    /** The value as text, or null when absent. */
    String text(Field field) {
        byte[] raw = values.get(field);
        return raw == null ? null : new String(raw, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return name;
    }
}
