package dev.meshlens.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report of {@link IncidentLog}, whose every number follows from how the incident was built. */
class DiagnoseReportTest {
    @TempDir
    static Path dir;
    static Path incident;

    @BeforeAll
    static void writeIncident() throws IOException {
        incident = IncidentLog.write(dir);
    }

    @Test
    void theJsonReportSaysWhatTheIncidentWasBuiltToMean() throws IOException {
        Cli.Run run = Cli.diagnose("--json", "--window", "1m", incident.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode report = new ObjectMapper().readTree(run.out());

        assertEquals("[\"" + incident + "\"] lines=66 parsed=66 partial=0 rejected=0 {} [] not_listed=0 window=60000",
                report.get("files") + " lines=" + report.get("lines") + " parsed=" + report.get("parsed")
                        + " partial=" + report.get("partial") + " rejected=" + report.get("rejected") + " "
                        + report.get("rejected_by_reason") + " " + report.get("rejected_lines") + " not_listed="
                        + report.get("rejected_lines_not_listed") + " window=" + report.get("window_millis"));
        assertEquals(List.of(
                "reviews.default outbound requests=35 errors=15 ratio=0.4286 top=mtls-mismatch",
                "  mtls-mismatch count=12 share=0.8000 first=10:01:00.000 last=10:01:55.000 flags=UF"
                        + " hosts=10.40.2.17:9080*8,10.40.2.18:9080*4 routes=default*12"
                        + " sources=productpage.default*12 sample=mtls-00 timeline=10:01:00.000*12",
                "  connection-refused count=3 share=0.2000 first=10:00:10.000 last=10:00:30.000 flags=UF"
                        + " hosts=10.40.2.19:9080*3 routes=default*3 sources=productpage.default*3 sample=refused-0"
                        + " timeline=10:00:00.000*3",
                "ratings.default outbound requests=10 errors=4 ratio=0.4000 top=circuit-breaker-overflow",
                "  circuit-breaker-overflow count=4 share=1.0000 first=10:02:30.000 last=10:02:33.000 flags=UO"
                        + " hosts=- routes=default*4 sources=- sample=uo-0 timeline=10:02:00.000*4",
                "ratings.default inbound requests=5 errors=2 ratio=0.4000 top=upstream-protocol-error",
                "  upstream-protocol-error count=2 share=1.0000 first=10:02:40.000 last=10:03:05.000 flags=UPE"
                        + " hosts=10.40.3.7:9080*2 routes=default*2 sources=- sample=upe-0"
                        + " timeline=10:02:00.000*1,10:03:00.000*1",
                "shop.example.com gateway requests=2 errors=2 ratio=1.0000 top=no-route",
                "  no-route count=2 share=1.0000 first=10:00:50.000 last=10:02:50.000 flags=NR hosts=- routes=-"
                        + " sources=istio-ingressgateway.istio-system*2 sample=nr-0 timeline=10:00:00.000*1,10:02:00.000*1",
                "details.default inbound requests=6 errors=1 ratio=0.1667 top=upstream-keepalive-reset",
                "  upstream-keepalive-reset count=1 share=1.0000 first=10:00:45.000 last=10:00:45.000 flags=UC"
                        + " hosts=10.40.4.4:9080*1 routes=default*1 sources=- sample=uc-0 timeline=10:00:00.000*1",
                "productpage.default unknown requests=8 errors=0 ratio=0.0000 top=null"), digest(report));
    }

    @Test
    void theTableLeadsWithTheServicesThatFailMost() {
        Cli.Run run = Cli.diagnose(incident.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<String> out = run.out().lines().toList();
        assertEquals("MeshLens diagnosis of " + incident + ": 66 lines, 66 parsed (0 partial), 0 rejected", out.get(0));
        assertEquals(List.of(
                List.of("SERVICE", "DIRECTION", "REQUESTS", "ERRORS", "ERROR%", "TOP CAUSE"),
                List.of("reviews.default", "outbound", "35", "15", "42.9%", "mtls-mismatch"),
                List.of("ratings.default", "outbound", "10", "4", "40.0%", "circuit-breaker-overflow"),
                List.of("ratings.default", "inbound", "5", "2", "40.0%", "upstream-protocol-error"),
                List.of("shop.example.com", "gateway", "2", "2", "100.0%", "no-route"),
                List.of("details.default", "inbound", "6", "1", "16.7%", "upstream-keepalive-reset"),
                List.of("productpage.default", "unknown", "8", "0", "0.0%", "-")),
                TextTable.texts(TextTable.after(out, "SERVICE")));
        assertEquals(List.of(
                "reviews.default (outbound): 15 errors of 35 requests (42.9%)",
                "ratings.default (outbound): 4 errors of 10 requests (40.0%)",
                "ratings.default (inbound): 2 errors of 5 requests (40.0%)",
                "shop.example.com (gateway): 2 errors of 2 requests (100.0%)",
                "details.default (inbound): 1 errors of 6 requests (16.7%)"),
                out.stream().filter(line -> line.contains(" errors of ")).toList());
        assertEquals(List.of(
                List.of("CAUSE", "COUNT", "SHARE", "FIRST SEEN", "LAST SEEN", "FLAGS"),
                List.of("mtls-mismatch", "12", "80.0%", "2026-11-20T10:01:00.000Z", "2026-11-20T10:01:55.000Z", "UF"),
                List.of("connection-refused", "3", "20.0%", "2026-11-20T10:00:10.000Z", "2026-11-20T10:00:30.000Z", "UF")),
                TextTable.texts(TextTable.after(out, "  CAUSE")));
        assertEquals(List.of("      upstream hosts: 10.40.2.17:9080 (8), 10.40.2.18:9080 (4)",
                "      upstream hosts: 10.40.2.19:9080 (3)"),
                out.stream().filter(line -> line.contains("upstream hosts: 10.40.2.1")).toList());
    }

    @Test
    void theTimelineShowsTheMtlsSpikeInItsOwnWindow() {
        Cli.Run run = Cli.diagnose("--window", "1m", incident.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of(
                List.of("WINDOW (60s)", "mtls-mismatch", "connection-refused"),
                List.of("2026-11-20T10:00:00.000Z", "0", "3"),
                List.of("2026-11-20T10:01:00.000Z", "12", "0")),
                TextTable.texts(TextTable.after(run.out().lines().toList(), "    WINDOW")));
    }

    @Test
    void aWindowShorterThanASecondIsShownInMilliseconds() {
        List<String> out = Cli.diagnose("--window", "500ms", incident.toString()).out().lines().toList();
        assertEquals(List.of("WINDOW (500ms)", "mtls-mismatch", "connection-refused"),
                TextTable.texts(TextTable.after(out, "    WINDOW")).get(0));
    }

    @Test
    void everyTableLinesUpItsColumns() {
        List<String> out = Cli.diagnose("--window", "1m", incident.toString()).out().lines().toList();
        int tables = 0;
        for (int i = 0; i < out.size(); i++) {
            String line = out.get(i);
            if (line.startsWith("SERVICE ")) {
                TextTable.assertAligned(TextTable.after(out.subList(i, out.size()), "SERVICE"), 2, 3, 4);
                tables++;
            } else if (line.startsWith("  CAUSE ")) {
                TextTable.assertAligned(TextTable.after(out.subList(i, out.size()), "  CAUSE"), 1, 2);
                tables++;
            } else if (line.startsWith("    WINDOW ")) {
                List<String> timeline = TextTable.after(out.subList(i, out.size()), "    WINDOW");
                int columns = TextTable.cells(timeline.get(0)).size();
                TextTable.assertAligned(timeline, IntStream.range(1, columns).toArray());
                tables++;
            }
        }
        assertEquals(1 + 5 + 5, tables, "the summary, then a cause table and a timeline per failing service");
    }

    /** One line per service and per cause, with every field the incident fixes; times without the date. */
    private static List<String> digest(JsonNode report) {
        List<String> rows = new ArrayList<>();
        for (JsonNode s : report.get("services")) {
            rows.add(String.format(Locale.ROOT, "%s %s requests=%d errors=%d ratio=%.4f top=%s", s.get("service").asText(),
                    s.get("direction").asText(), s.get("requests").asLong(), s.get("errors").asLong(),
                    s.get("error_ratio").asDouble(), s.get("top_cause").asText()));
            for (JsonNode c : s.get("causes")) {
                rows.add(String.format(Locale.ROOT, "  %s count=%d share=%.4f first=%s last=%s flags=%s hosts=%s routes=%s"
                        + " sources=%s sample=%s timeline=%s", c.get("cause").asText(), c.get("count").asLong(),
                        c.get("share").asDouble(), time(c.get("first_seen")), time(c.get("last_seen")),
                        join(c.get("flags"), JsonNode::asText), join(c.get("top_upstream_hosts"), DiagnoseReportTest::count),
                        join(c.get("top_routes"), DiagnoseReportTest::count),
                        join(c.get("top_source_workloads"), DiagnoseReportTest::count), c.get("sample_request_id").asText(),
                        join(c.get("timeline"), w -> time(w.get("window_start")) + "*" + w.get("count").asLong())));
            }
        }
        return rows;
    }

    private static String time(JsonNode iso) {
        String text = iso.asText();
        assertEquals("2026-11-20T", text.substring(0, 11), text);
        return text.substring(11, text.length() - 1);
    }

    private static String count(JsonNode named) {
        return named.get("name").asText() + "*" + named.get("count").asLong();
    }

    private static String join(JsonNode array, Function<JsonNode, String> each) {
        String joined = StreamSupport.stream(array.spliterator(), false).map(each).collect(Collectors.joining(","));
        return joined.isEmpty() ? "-" : joined;
    }
}
