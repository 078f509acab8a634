package dev.meshlens.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.json.AccessEventJson;
import dev.meshlens.parser.json.JsonOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** {@code access-event.schema.json} and the parser's JSON. */
final class AccessEventSchema {
    private final SchemaFile file = SchemaFile.load("/schemas/access-event.schema.json");
    private final AccessEventJson writer = new AccessEventJson();
    private final JsonOutput output = new JsonOutput();

    /** The schema file itself, as JSON. */
    JsonNode document() {
        return file.document();
    }

    /** What the draft 2020-12 meta-schema finds wrong with the schema file. */
    List<String> metaSchemaViolations() {
        return file.metaSchemaViolations();
    }

    /** What the schema finds wrong with {@code instance}; empty when it conforms. */
    List<String> violations(JsonNode instance) {
        return file.violations(instance);
    }

    /** The event as {@link AccessEventJson} writes it, read back as a tree. */
    JsonNode write(AccessEvent event, long lineNumber) {
        writer.write(event, lineNumber, output.reset());
        try {
            return SchemaFile.MAPPER.readTree(output.buffer(), 0, output.length());
        } catch (IOException e) {
            throw new UncheckedIOException("the writer produced malformed JSON: " + output, e);
        }
    }
}
