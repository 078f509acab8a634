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
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * One of this module's JSON Schemas, loaded from the classpath as users of its jar load it, and what it finds
 * wrong with a document. This module's tests and the app's (its alerts and dead letters) check with it.
 */
public final class SchemaFile {
    /** Strict about duplicate keys, which a schema cannot see once a lenient reader has merged them. */
    public static final ObjectMapper MAPPER = JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    // Draft 2020-12 makes "format" an annotation only; the contracts promise real date-times, so assert them.
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    private final JsonNode document;
    private final Schema schema;

    private SchemaFile(JsonNode document) {
        this.document = document;
        this.schema = REGISTRY.getSchema(document);
    }

    /** The schema at {@code resource}, e.g. {@code /schemas/alert.schema.json}. */
    public static SchemaFile load(String resource) {
        try (InputStream in = SchemaFile.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            return new SchemaFile(MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema file itself, as JSON. */
    public JsonNode document() {
        return document;
    }

    /** What the draft 2020-12 meta-schema finds wrong with the schema file. */
    public List<String> metaSchemaViolations() {
        Schema metaSchema = REGISTRY.getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));
        return metaSchema.validate(document).stream().map(Object::toString).toList();
    }

    /** What the schema finds wrong with {@code instance}; empty when it conforms. */
    public List<String> violations(JsonNode instance) {
        return schema.validate(instance).stream().map(Object::toString).toList();
    }

    /** What the schema finds wrong with {@code json}, read strictly. */
    public List<String> violations(byte[] json) {
        try {
            return violations(MAPPER.readTree(json));
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
    }
}
