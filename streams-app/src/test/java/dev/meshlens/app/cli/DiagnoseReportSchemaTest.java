package dev.meshlens.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.meshlens.diagnosis.Cause;
import dev.meshlens.diagnosis.Direction;
import dev.meshlens.parser.event.ParseStatus;
import dev.meshlens.parser.event.ResponseFlag;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code diagnose --json} keeps the contract of schemas/diagnose-report.schema.json, and the contract is strict. */
class DiagnoseReportSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = "/schemas/diagnose-report.schema.json";

    @TempDir
    static Path dir;
    static Path incident;
    static JsonNode schemaJson;
    static Schema schema;

    @BeforeAll
    static void load() throws IOException {
        incident = IncidentLog.write(dir);
        try (InputStream in = DiagnoseReportSchemaTest.class.getResourceAsStream(SCHEMA)) {
            schemaJson = JSON.readTree(in);
        }
        schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schemaJson);
    }

    @Test
    void theIncidentReportWithATimelineKeepsTheContract() throws IOException {
        assertEquals(List.of(), schema.validate(report("--window", "1m", incident.toString())));
    }

    @Test
    void theIncidentReportWithoutTimelineKeepsTheContract() throws IOException {
        assertEquals(List.of(), schema.validate(report(incident.toString())));
    }

    @Test
    void rejectionReasonsKeepTheContractInAnyLocale() throws IOException {
        Path file = dir.resolve("bad-field.log");
        Files.write(file, List.of("[2026-11-20T10:00:00.000Z] \"GET / HTTP/1.1\" abc - via_upstream - \"-\" 0 0 1 - \"-\" "
                + "\"curl/8.5.0\" \"x\" \"reviews:9080\" \"10.40.2.17:9080\" outbound|9080||reviews.default.svc.cluster.local"
                + " 10.40.1.9:51234 10.96.18.4:9080 10.40.1.9:40124 - default"));
        Locale before = Locale.getDefault();
        JsonNode report;
        try {
            // Turkish lower-cases I to a dotless ı: "BAD_FIELD" must still become "bad_field".
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            report = report(file.toString());
        } finally {
            Locale.setDefault(before);
        }
        assertEquals("{\"bad_field\":1}", report.get("rejected_by_reason").toString());
        assertEquals(List.of(), schema.validate(report));
    }

    @Test
    void aMangledReportIsRejected() throws IOException {
        JsonNode good = report("--window", "1m", incident.toString());
        assertBreaks(good, r -> r.remove("services"), "required");
        assertBreaks(good, r -> r.put("source", "kafka"), "additionalProperties");
        assertBreaks(good, r -> r.put("lines", -1), "minimum");
        assertBreaks(good, r -> r.withObject("rejected_by_reason").put("bad_luck", 1), "propertyNames");
        assertBreaks(good, r -> service(r).put("direction", "sideways"), "enum");
        assertBreaks(good, r -> service(r).put("error_ratio", 1.5), "maximum");
        assertBreaks(good, r -> service(r).putNull("top_cause"), "enum");
        assertBreaks(good, r -> cause(r).put("cause", "none"), "enum");
        assertBreaks(good, r -> cause(r).put("first_seen", "20 Nov 2026 10:01"), "pattern");
        assertBreaks(good, r -> ((ArrayNode) cause(r).get("flags")).add("XYZ"), "enum");
        assertBreaks(good, r -> ((ArrayNode) cause(r).get("timeline")).addObject().put("window_start",
                "2026-11-20T10:05:00.000Z"), "required");
        assertBreaks(good, r -> ((ObjectNode) r.get("services").get(5)).put("errors", 1), "minItems");
    }

    @Test
    void theContractNamesExactlyTheIdsTheCodeUses() {
        assertEquals(Arrays.stream(Cause.values()).filter(c -> c != Cause.NONE).map(Cause::id).toList(),
                strings(schemaJson.at("/$defs/cause_id/enum")));
        assertEquals(Arrays.stream(Direction.values()).map(Direction::id).toList(),
                strings(schemaJson.at("/$defs/service/properties/direction/enum")));
        assertEquals(Arrays.stream(ResponseFlag.values()).map(ResponseFlag::shortCode).toList(),
                strings(schemaJson.at("/$defs/cause/properties/flags/items/enum")));
        assertEquals(Arrays.stream(ParseStatus.values()).filter(s -> !s.hasEvent())
                .map(s -> s.name().toLowerCase(Locale.ROOT)).toList(),
                strings(schemaJson.at("/$defs/rejection_reason/enum")));
    }

    private static void assertBreaks(JsonNode good, Consumer<ObjectNode> mangle, String keyword) {
        ObjectNode mangled = good.deepCopy();
        mangle.accept(mangled);
        List<Error> errors = schema.validate(mangled);
        assertTrue(errors.stream().anyMatch(e -> e.getKeyword().equals(keyword)),
                "expected a '" + keyword + "' violation, got " + errors);
    }

    /** The first service: reviews.default, with two causes and a timeline. */
    private static ObjectNode service(ObjectNode report) {
        return (ObjectNode) report.get("services").get(0);
    }

    private static ObjectNode cause(ObjectNode report) {
        return (ObjectNode) service(report).get("causes").get(0);
    }

    private static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static JsonNode report(String... args) throws IOException {
        String[] json = new String[args.length + 1];
        json[0] = "--json";
        System.arraycopy(args, 0, json, 1, args.length);
        Cli.Run run = Cli.diagnose(json);
        assertEquals(0, run.exitCode(), run.err());
        return JSON.readTree(run.out());
    }
}
