package dev.meshlens.app.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshlens.app.alerts.Alert;
import dev.meshlens.app.alerts.JsonSerde;
import dev.meshlens.diagnosis.Cause;
import dev.meshlens.diagnosis.Direction;
import dev.meshlens.diagnosis.TopCounts;
import dev.meshlens.schemas.SchemaFile;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code alert.schema.json} against what {@link JsonSerde} writes for an {@link Alert}: valid, strict, and in
 * step with the causes and directions the code knows. {@code PipelineIT} checks the alerts of a real run too.
 */
class AlertSchemaTest {
    private static final SchemaFile SCHEMA = JsonContract.ALERT;
    private static final String KEY = "reviews.default|outbound|mtls-mismatch";

    static List<Breakage> breakages() {
        return List.of(
                new Breakage("camelCase key", "windowStart", doc -> doc.set("windowStart", doc.remove("window_start"))),
                new Breakage("unknown key", "episode", doc -> doc.put("episode", 3)),
                new Breakage("FIRING with resolved_at", "resolved_at",
                        doc -> doc.put("resolved_at", "2026-11-22T10:01:10.000Z")),
                new Breakage("RESOLVED without resolved_at", "resolved_at", doc -> doc.put("state", "RESOLVED")),
                new Breakage("lower-case state", "state", doc -> doc.put("state", "firing")),
                new Breakage("cause 'none'", "cause", doc -> doc.put("cause", "none")),
                new Breakage("ratio above 1", "ratio", doc -> doc.put("ratio", 1.5)),
                new Breakage("window_start without milliseconds", "window_start",
                        doc -> doc.put("window_start", "2026-11-22T10:00:00Z")),
                new Breakage("window_start no real date", "window_start",
                        doc -> doc.put("window_start", "2026-13-45T10:00:00.000Z")),
                new Breakage("id without its start", "id", doc -> doc.put("id", KEY)),
                new Breakage("count as a string", "count", doc -> doc.put("count", "12")),
                new Breakage("missing sample_request_id", "sample_request_id", doc -> doc.remove("sample_request_id")));
    }

    @Test
    void isAValidDraft202012Schema() {
        assertEquals(List.of(), SCHEMA.metaSchemaViolations());
    }

    @Test
    void acceptsAFiringAlertAndItsResolutionAsTheSerdeWritesThem() {
        assertEquals(List.of(), SCHEMA.violations(written(firing())));
        Alert f = firing();
        Alert resolved = new Alert(f.id(), Alert.State.RESOLVED, f.rule(), f.severity(), f.service(), f.direction(),
                f.cause(), f.title(), f.hint(), f.windowStart(), f.windowEnd(), f.count(), f.requests(), f.ratio(),
                f.topUpstreamHosts(), f.sampleRequestId(), f.firingSince(), "2026-11-22T10:01:10.000Z");
        assertEquals(List.of(), SCHEMA.violations(written(resolved)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breakages")
    void rejectsAnAlertThatBreaksTheContract(Breakage breakage) throws IOException {
        breakage.assertRejectedBy(SCHEMA, (ObjectNode) SchemaFile.MAPPER.readTree(written(firing())));
    }

    @Test
    void namesEveryCauseButNoneAndEveryDirection() {
        Set<String> causes = Arrays.stream(Cause.values()).filter(c -> c != Cause.NONE).map(Cause::id)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(causes, enumAt("/properties/cause/enum"));
        assertEquals(Arrays.stream(Direction.values()).map(Direction::id).collect(Collectors.toCollection(TreeSet::new)),
                enumAt("/properties/direction/enum"));
    }

    private static Set<String> enumAt(String pointer) {
        JsonNode values = SCHEMA.document().at(pointer);
        return StreamSupport.stream(values.spliterator(), false).map(JsonNode::asText)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Alert firing() {
        return new Alert(KEY + "|2026-11-22T10:00:00.000Z", Alert.State.FIRING, "mesh-failure", "critical",
                "reviews.default", "outbound", "mtls-mismatch", "mTLS / TLS mismatch", "Check the DestinationRule.",
                "2026-11-22T10:00:00.000Z", "2026-11-22T10:00:10.000Z", 12, 200, 0.06,
                List.of(new TopCounts.Entry("10.44.2.17:9080", 9), new TopCounts.Entry("10.44.2.18:9080", 3)),
                "6f1c2a4e-0001-4e8a-9c11-000000000007", "2026-11-22T10:00:00.000Z", null);
    }

    private static byte[] written(Alert alert) {
        return new JsonSerde<>(Alert.class).serializer().serialize("meshlens.alerts", alert);
    }
}
