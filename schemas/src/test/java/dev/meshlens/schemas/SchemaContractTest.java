package dev.meshlens.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshlens.parser.AccessLogParser;
import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.event.ParseStatus;
import dev.meshlens.parser.event.ResponseFlag;
import dev.meshlens.parser.format.Presets;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The schema is a valid draft 2020-12 schema, has teeth, and documents every flag the parser knows. */
class SchemaContractTest {
    private static final AccessEventSchema SCHEMA = new AccessEventSchema();

    /** A change to a conforming document that the schema must reject, and the key its complaint must name. */
    record Breakage(String name, String offendingKey, Consumer<ObjectNode> change) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Breakage> breakages() {
        return List.of(
                new Breakage("misspelt key", "respose_code",
                        doc -> doc.set("respose_code", doc.remove("response_code"))),
                new Breakage("response_code as a string", "response_code", doc -> doc.put("response_code", "503")),
                new Breakage("lower-case flag", "response_flags", doc -> doc.putArray("response_flags").add("uf")),
                new Breakage("flags as one string", "response_flags", doc -> doc.put("response_flags", "UF,URX")),
                new Breakage("empty string for an absent value", "route_name", doc -> doc.put("route_name", "")),
                new Breakage("dash for an absent value", "bytes_sent", doc -> doc.put("bytes_sent", "-")),
                new Breakage("negative duration", "duration", doc -> doc.put("duration", -1)),
                new Breakage("start_time not in UTC", "start_time",
                        doc -> doc.put("start_time", "2026-11-22T11:00:01.500+01:00")),
                new Breakage("start_time no real date", "start_time",
                        doc -> doc.put("start_time", "2026-13-45T10:00:01.500Z")),
                new Breakage("unknown status", "status", doc -> doc.put("status", "rejected")),
                new Breakage("line 0", "line", doc -> doc.put("line", 0)),
                new Breakage("unknown key in upstream", "zone",
                        doc -> ((ObjectNode) doc.get("upstream")).put("zone", "eu-west-1a")),
                new Breakage("kubernetes without node", "node", doc -> ((ObjectNode) doc.get("kubernetes")).remove("node")),
                new Breakage("stream_partial as a string", "stream_partial", doc -> doc.put("stream_partial", "false")));
    }

    @Test
    void isAValidDraft202012Schema() {
        assertEquals(List.of(), SCHEMA.metaSchemaViolations());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breakages")
    void rejectsADocumentThatBreaksTheContract(Breakage breakage) {
        ObjectNode document = conformingDocument();
        assertEquals(List.of(), SCHEMA.violations(document), "the document before the change");
        breakage.change().accept(document);
        List<String> violations = SCHEMA.violations(document);
        assertTrue(violations.stream().anyMatch(violation -> violation.contains(breakage.offendingKey())),
                () -> "expected a violation naming " + breakage.offendingKey() + ", got " + violations);
    }

    @Test
    void responseFlagsNamesEveryKnownFlagAndAcceptsItsCode() {
        JsonNode flags = SCHEMA.document().at("/properties/response_flags");
        String description = flags.path("description").asText();
        Pattern code = Pattern.compile(flags.at("/items/pattern").asText());
        for (ResponseFlag flag : ResponseFlag.values()) {
            if (flag != ResponseFlag.UNKNOWN) {
                Pattern entry = Pattern.compile("\\b" + flag.shortCode() + " " + flag.longName() + "\\b");
                assertTrue(entry.matcher(description).find(),
                        () -> "response_flags description lacks " + flag.shortCode() + " " + flag.longName());
                assertTrue(code.matcher(flag.shortCode()).find(), () -> "the item pattern rejects " + flag.shortCode());
            }
        }
    }

    /** The parser's own output for a failed request, with every key set that a text line can set. */
    private static ObjectNode conformingDocument() {
        byte[] line = LineWriter.text(Presets.ISTIO_1_9, SampleRequests.FAILED);
        AccessEvent event = new AccessEvent();
        ParseStatus status = AccessLogParser.forFormat("istio-1.9").parse(line, 0, line.length, event);
        assertEquals(ParseStatus.OK, status);
        return (ObjectNode) SCHEMA.write(event, 1);
    }
}
