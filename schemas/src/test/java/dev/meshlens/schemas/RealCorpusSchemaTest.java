package dev.meshlens.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshlens.parser.AccessLogParser;
import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.io.LineReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every line of {@code ../shared/corpus/envoy-real.log} that parses is written as the schema says. */
class RealCorpusSchemaTest {

    @Test
    void everyRealLineThatParsesConformsToTheSchema() throws IOException {
        Path log = SharedCorpus.realLog().orElse(null);
        assumeTrue(log != null, SharedCorpus.skipReason());
        SchemaCheck check = new SchemaCheck();
        try (LineReader reader = LineReader.stream(Files.newInputStream(log), AccessLogParser.DEFAULT_MAX_LINE_LENGTH)) {
            reader.forEachLine(check);
        }
        assertEquals(List.of(), check.failures);
        assertTrue(check.parsedLines > 0, "no line of " + log + " parsed, so nothing was checked");
    }

    /** Parses each line the way {@code meshlens parse} does and validates what it would print. */
    private static final class SchemaCheck implements LineReader.Handler {
        private final AccessEventSchema schema = new AccessEventSchema();
        private final AccessLogParser parser = AccessLogParser.auto();
        private final AccessEvent event = new AccessEvent();
        private final List<String> failures = new ArrayList<>();
        private int parsedLines;

        @Override
        public void line(byte[] buffer, int offset, int length, long lineNumber) {
            if (!parser.parse(buffer, offset, length, event).hasEvent()) {
                return;
            }
            parsedLines++;
            JsonNode document = schema.write(event, lineNumber);
            List<String> violations = schema.violations(document);
            if (!violations.isEmpty()) {
                failures.add("line " + lineNumber + ": " + violations + " in " + document);
            }
        }

        @Override
        public void overlongLine(long lineNumber, long length) {
            failures.add("line " + lineNumber + " is longer than the parser's maximum: " + length);
        }
    }
}
