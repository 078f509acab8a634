package dev.meshlens.app.it;

import dev.meshlens.schemas.SchemaFile;

/** The contracts of what the pipeline writes to Kafka: the {@code schemas} module's JSON Schemas. */
final class JsonContract {
    static final SchemaFile ALERT = SchemaFile.load("/schemas/alert.schema.json");
    static final SchemaFile DEAD_LETTER = SchemaFile.load("/schemas/dead-letter.schema.json");

    private JsonContract() {
    }
}
