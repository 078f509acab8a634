package dev.meshlens.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshlens.parser.AccessLogParser;
import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.event.ParseStatus;
import dev.meshlens.schemas.GeneratedLines.GeneratedLine;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the parser writes for every kind of record it reads conforms to {@code access-event.schema.json}. */
class GeneratedLinesSchemaTest {
    private static final AccessEventSchema SCHEMA = new AccessEventSchema();

    static List<GeneratedLine> generatedLines() {
        return GeneratedLines.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generatedLines")
    void parsedLineConformsToTheSchema(GeneratedLine line) {
        JsonNode document = parse(line);
        assertEquals(List.of(), SCHEMA.violations(document), document::toString);
    }

    @Test
    void generatedLinesGiveEveryPropertyAValueAndLeaveEveryBlankableOneBlank() {
        SchemaCoverage coverage = new SchemaCoverage(SCHEMA.document());
        for (GeneratedLine line : GeneratedLines.all()) {
            coverage.record(parse(line));
        }
        assertEquals(Set.of(), coverage.neverGivenAValue(), "properties no generated line gives a value");
        assertEquals(Set.of(), coverage.neverLeftBlank(), "nullable properties every generated line sets");
    }

    private static JsonNode parse(GeneratedLine line) {
        AccessEvent event = new AccessEvent();
        byte[] bytes = line.bytes();
        ParseStatus status = AccessLogParser.forFormat(line.format()).parse(bytes, 0, bytes.length, event);
        assertEquals(line.expected(), status, () -> line + ": " + new String(bytes, StandardCharsets.UTF_8)
                + " stopped at byte " + event.errorOffset() + " (" + event.errorField() + ")");
        return SCHEMA.write(event, line.lineNumber());
    }
}
