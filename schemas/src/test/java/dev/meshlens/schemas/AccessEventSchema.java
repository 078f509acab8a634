package dev.meshlens.schemas;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.json.AccessEventJson;
import dev.meshlens.parser.json.JsonOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** {@code access-event.schema.json}, loaded from the classpath as other modules load it, and the parser's JSON. */
final class AccessEventSchema {
    private static final String RESOURCE = "/schemas/access-event.schema.json";

    /** Strict about duplicate keys, which a schema cannot see once a lenient reader has merged them. */
    static final ObjectMapper MAPPER = JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    // Draft 2020-12 makes "format" an annotation only; the contract promises real date-times, so assert them.
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    private final JsonNode document = readResource();
    private final Schema schema = REGISTRY.getSchema(document);
    private final AccessEventJson writer = new AccessEventJson();
    private final JsonOutput output = new JsonOutput();

    /** The schema file itself, as JSON. */
    JsonNode document() {
        return document;
    }

    /** What the draft 2020-12 meta-schema finds wrong with the schema file. */
    List<String> metaSchemaViolations() {
        Schema metaSchema = REGISTRY.getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));
        return metaSchema.validate(document).stream().map(Object::toString).toList();
    }

    /** What the schema finds wrong with {@code instance}; empty when it conforms. */
    List<String> violations(JsonNode instance) {
        return schema.validate(instance).stream().map(Object::toString).toList();
    }

    /** The event as {@link AccessEventJson} writes it, read back as a tree. */
    JsonNode write(AccessEvent event, long lineNumber) {
        writer.write(event, lineNumber, output.reset());
        try {
            return MAPPER.readTree(output.buffer(), 0, output.length());
        } catch (IOException e) {
            throw new UncheckedIOException("the writer produced malformed JSON: " + output, e);
        }
    }

    private static JsonNode readResource() {
        try (InputStream in = AccessEventSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
