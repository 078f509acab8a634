package dev.meshlens.app.it;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** One of the {@code schemas} module's JSON Schemas, loaded from the classpath as users of that jar load it. */
final class JsonContract {
    /** Strict about duplicate keys, which a schema cannot see once a lenient reader has merged them. */
    static final ObjectMapper MAPPER = JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    // Draft 2020-12 makes "format" an annotation only; the contracts promise real date-times, so assert them.
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    // After the two above: static fields are set in order, and these need them.
    static final JsonContract ALERT = new JsonContract("/schemas/alert.schema.json");
    static final JsonContract DEAD_LETTER = new JsonContract("/schemas/dead-letter.schema.json");

    private final JsonNode document;
    private final Schema schema;

    private JsonContract(String resource) {
        try (InputStream in = JsonContract.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            document = MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        schema = REGISTRY.getSchema(document);
    }

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

    /** What the schema finds wrong with {@code json}, read strictly. */
    List<String> violations(byte[] json) {
        try {
            return violations(MAPPER.readTree(json));
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
    }
}
