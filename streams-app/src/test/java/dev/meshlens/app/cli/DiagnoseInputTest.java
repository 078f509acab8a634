package dev.meshlens.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every line read is accounted for: parsed into a service, or rejected and listed where it is. */
class DiagnoseInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Call CALL = new Call(Instant.parse("2026-11-20T10:00:00Z"), 200, "-", "via_upstream", "-",
            "reviews:9080", "10.40.2.17:9080", "outbound|9080||reviews.default.svc.cluster.local", "-", "default",
            "6f1c0e2a-5b7d-4b7e-9a3c-0a1b2c3d4e01");
    private static final List<Function<Call, String>> READABLE = List.of(Call::istio19, Call::istio13,
            Call::envoyDefault, Call::istioJson, Call::cri, Call::dockerJson,
            call -> call.fluentBit("productpage-v1-6b746f74dc-9stvs", "default", Map.of("app", "productpage")),
            call -> "[pod/productpage-v1-6b746f74dc-9stvs/istio-proxy] " + call.istio19());

    /** A line that is no access record, and the reason it was built to be rejected for. */
    private record Garbage(String line, String reason) {
    }

    private static final List<Garbage> GARBAGE = List.of(
            new Garbage("", "empty"),
            new Garbage("Envoy proxy is ready", "not_access_log"),
            new Garbage("{\"log\":\"[2026-11-20T10:00:00.000Z] \\\"GET", "bad_json"),
            new Garbage("{\"level\":\"info\",\"msg\":\"Envoy proxy is ready\"}", "bad_envelope"),
            new Garbage("[2026-11-20T10:00:00.000Z] \"GET /api/v1/items HTTP/1.1\"", "truncated"),
            new Garbage(CALL.istio19().replace("\" 200 -", "\" abc -"), "bad_field"),
            new Garbage("{\"stream\":\"stderr\",\"log\":\"2026-11-20T10:00:00.000000Z\\tinfo\\tEnvoy proxy is ready\","
                    + "\"kubernetes\":{\"pod_name\":\"productpage-v1-6b746f74dc-9stvs\",\"namespace_name\":\"default\"}}",
                    "not_access_log"));

    @TempDir
    Path dir;

    @Test
    void aFileMixingFormatsAndGarbageReconciles() throws IOException {
        List<String> lines = new ArrayList<>();
        List<Integer> rejectedLineNumbers = new ArrayList<>();
        Map<String, Long> rejectedByReason = new TreeMap<>();
        int parsed = 0;
        for (int i = 0; i < 170; i++) {
            // Lines 1, 6, 11 and 16 of every 17 are readable, each in the next format; the rest is garbage.
            if (i % 17 % 5 == 0) {
                lines.add(READABLE.get(parsed++ % READABLE.size()).apply(CALL));
            } else {
                Garbage garbage = GARBAGE.get(rejectedLineNumbers.size() % GARBAGE.size());
                lines.add(garbage.line());
                rejectedLineNumbers.add(i + 1);
                rejectedByReason.merge(garbage.reason(), 1L, Long::sum);
            }
        }
        Path file = dir.resolve("mixed.log");
        Files.write(file, lines);

        Cli.Run run = Cli.diagnose("--json", file.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode report = JSON.readTree(run.out());
        assertEquals("lines=170 parsed=40 partial=0 rejected=130", "lines=" + report.get("lines") + " parsed="
                + report.get("parsed") + " partial=" + report.get("partial") + " rejected=" + report.get("rejected"));
        assertEquals(40, parsed, "the file as built");
        assertEquals(rejectedByReason, JSON.convertValue(report.get("rejected_by_reason"), new TypeReference<TreeMap<String, Long>>() { }));
        long requests = 0;
        for (JsonNode service : report.get("services")) {
            requests += service.get("requests").asLong();
        }
        assertEquals(40, requests, "every parsed line is a request of some service");

        JsonNode listed = report.get("rejected_lines");
        assertEquals(100, listed.size());
        for (int k = 0; k < listed.size(); k++) {
            String prefix = file + ":" + rejectedLineNumbers.get(k) + ": ";
            assertTrue(listed.get(k).asText().startsWith(prefix), listed.get(k) + " should start with " + prefix);
        }
        assertEquals(30, report.get("rejected_lines_not_listed").asLong());

        List<String> table = Cli.diagnose(file.toString()).out().lines().toList();
        assertEquals("MeshLens diagnosis of " + file + ": 170 lines, 40 parsed (0 partial), 130 rejected", table.get(0));
        String lastListed = "  " + file + ":" + rejectedLineNumbers.get(99) + ": ";
        assertTrue(table.get(table.size() - 2).startsWith(lastListed), table.get(table.size() - 2));
        assertEquals("  ... and 30 more", table.get(table.size() - 1));
    }

    @Test
    void aRejectedLineIsListedWithTheFileItCameFrom() throws IOException {
        Path good = dir.resolve("good.log");
        Path bad = dir.resolve("bad.log");
        Files.write(good, List.of(CALL.istio19(), "Envoy proxy is ready"));
        Files.write(bad, List.of(CALL.istioJson(), CALL.istioJson(), "{\"level\":\"info\"}"));
        JsonNode report = JSON.readTree(Cli.diagnose("--json", good.toString(), bad.toString()).out());
        assertEquals(List.of(good + ":2: ", bad + ":3: "), List.of(
                report.get("rejected_lines").get(0).asText().substring(0, good.toString().length() + 4),
                report.get("rejected_lines").get(1).asText().substring(0, bad.toString().length() + 4)));
        assertEquals(5, report.get("lines").asLong());
    }

    @Test
    void anOverlongLineIsRejectedWithItsLength() throws IOException {
        Path file = dir.resolve("long.log");
        String line = CALL.istio19();
        Files.write(file, List.of(line, line + " " + "x".repeat(300)));
        JsonNode report = JSON.readTree(Cli.diagnose("--json", "--max-line-length", "400", file.toString()).out());
        assertEquals("{\"too_long\":1}", report.get("rejected_by_reason").toString());
        assertEquals(file + ":2: line longer than the configured maximum (" + (line.length() + 301) + " bytes)",
                report.get("rejected_lines").get(0).asText());
    }

    @Test
    void aFileThatCannotBeReadIsSaidAndTheOthersStillCount() throws IOException {
        Path good = dir.resolve("good.log");
        Files.write(good, List.of(CALL.istio19()));
        Path missing = dir.resolve("missing.log");
        Cli.Run run = Cli.diagnose("--json", missing.toString(), good.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith(missing + ": cannot read: "), run.err());
        assertEquals(1, JSON.readTree(run.out()).get("parsed").asLong());
    }

    @Test
    void aWindowThatIsNoDurationIsRefused() {
        Cli.Run run = Cli.diagnose("--window", "5x", "any.log");
        assertEquals(2, run.exitCode());
        assertEquals("meshlens diagnose: --window: '5x' is not a duration like 250ms, 30s, 1m, 2h or 7d", run.err().strip());
    }

    @Test
    void aBrokenRuleFileIsRefusedWithWhatIsWrong() throws IOException {
        Path rules = dir.resolve("rules.json");
        Files.writeString(rules, "{\"causes\": [], \"rules\": []}");
        Cli.Run run = Cli.diagnose("--rules", rules.toString(), "any.log");
        assertEquals(2, run.exitCode());
        assertEquals("meshlens diagnose: " + rules + ": cause 'no-healthy-upstream' has no title and hint",
                run.err().strip());
    }
}
