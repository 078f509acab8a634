package dev.meshlens.schemas;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshlens.parser.event.Field;
import dev.meshlens.parser.format.FormatGrammar;
import java.io.ByteArrayOutputStream;

/** Writes a request the way a sidecar configured with a given format would: as a text line or as Istio JSON. */
final class LineWriter {
    private static final byte[] ABSENT = {'-'};

    private LineWriter() {
    }

    /** The line an Envoy format string produces; operators with no value (or none MeshLens reads) print {@code -}. */
    static byte[] text(String formatString, SampleRequest request) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (FormatGrammar.Token token : FormatGrammar.tokenize(formatString)) {
            if (token.literal() != null) {
                line.writeBytes(token.literal());
            } else {
                byte[] value = token.field() == null ? null : request.value(token.field());
                line.writeBytes(value == null ? ABSENT : value);
            }
        }
        return line.toByteArray();
    }

    /**
     * Istio's JSON encoding of the request. Typed: numbers as numbers and {@code null} for absent values, as
     * Envoy's typed JSON writes them; otherwise every value a string and {@code "-"} for absent ones.
     */
    static ObjectNode istioJson(SampleRequest request, boolean typed) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        for (Field field : Field.values()) {
            if (!field.isAccessLineField()) {
                continue;
            }
            String value = request.text(field);
            if (!typed) {
                json.put(field.jsonName(), value == null ? "-" : value);
            } else if (value == null) {
                json.putNull(field.jsonName());
            } else if (field.kind() == Field.Kind.NUMBER) {
                json.put(field.jsonName(), Long.parseLong(value));
            } else {
                json.put(field.jsonName(), value);
            }
        }
        return json;
    }
}
