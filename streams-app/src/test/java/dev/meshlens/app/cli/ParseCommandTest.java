package dev.meshlens.app.cli;

import static dev.meshlens.app.cli.SampleLines.CRI_ISTIO_1_9;
import static dev.meshlens.app.cli.SampleLines.CRI_ISTIO_1_9_PATH;
import static dev.meshlens.app.cli.SampleLines.CUT_AFTER_FLAGS;
import static dev.meshlens.app.cli.SampleLines.CUT_BEFORE_CODE;
import static dev.meshlens.app.cli.SampleLines.ENVOY;
import static dev.meshlens.app.cli.SampleLines.ENVOY_PATH;
import static dev.meshlens.app.cli.SampleLines.GARBAGE;
import static dev.meshlens.app.cli.SampleLines.ISTIO_1_3;
import static dev.meshlens.app.cli.SampleLines.ISTIO_1_3_PATH;
import static dev.meshlens.app.cli.SampleLines.ISTIO_1_9;
import static dev.meshlens.app.cli.SampleLines.ISTIO_1_9_PATH;
import static dev.meshlens.app.cli.SampleLines.JSON;
import static dev.meshlens.app.cli.SampleLines.JSON_PATH;
import static dev.meshlens.parser.event.ParseStatus.BAD_FIELD;
import static dev.meshlens.parser.event.ParseStatus.EMPTY;
import static dev.meshlens.parser.event.ParseStatus.NOT_ACCESS_LOG;
import static dev.meshlens.parser.event.ParseStatus.TOO_LONG;
import static dev.meshlens.parser.event.ParseStatus.TRUNCATED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshlens.app.cli.CliRun.Summary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code meshlens parse} contract, run in-process over files these tests write. */
class ParseCommandTest {
    private static final int MAX_LINE_LENGTH = 400;

    @TempDir
    Path dir;

    @Test
    void decodesEveryFormatAndReportsEachOtherLineOnce() throws IOException {
        String overlong = SampleLines.longIstioLine(MAX_LINE_LENGTH);
        Path file = write("mixed.log", ISTIO_1_9, "", ENVOY, GARBAGE, ISTIO_1_3, "   ", JSON, overlong,
                CRI_ISTIO_1_9, CUT_BEFORE_CODE, CUT_AFTER_FLAGS);

        CliRun run = CliRun.run("parse", "--max-line-length", String.valueOf(MAX_LINE_LENGTH), file.toString());

        assertEquals(0, run.exitCode(), () -> String.join("\n", run.stderr()));
        List<JsonNode> events = run.events();
        assertEvents(List.of(
                new ExpectedEvent(1, "istio-1.9", "ok", 503, List.of("UF"), ISTIO_1_9_PATH),
                new ExpectedEvent(3, "envoy", "ok", 200, List.of(), ENVOY_PATH),
                new ExpectedEvent(5, "istio-1.3", "ok", 503, List.of("UO"), ISTIO_1_3_PATH),
                new ExpectedEvent(7, "json", "ok", 404, List.of("NR"), JSON_PATH),
                new ExpectedEvent(9, "istio-1.9", "ok", 503, List.of("UH"), CRI_ISTIO_1_9_PATH),
                new ExpectedEvent(11, null, "partial", 504, List.of("UT"), "/api/pay")), events);
        assertEquals("orders.shop.svc.cluster.local", events.get(0).path("upstream").path("host").asText());
        assertEquals("stderr", events.get(4).path("stream").asText(), "the CRI prefix names the stream");
        assertRejections(List.of(
                new ExpectedRejection(file, 2, EMPTY.reason()),
                new ExpectedRejection(file, 4, NOT_ACCESS_LOG.reason()),
                new ExpectedRejection(file, 6, EMPTY.reason()),
                new ExpectedRejection(file, 8, TOO_LONG.reason() + " (" + overlong.length() + " bytes)"),
                new ExpectedRejection(file, 10, TRUNCATED.reason())), run);
        assertEquals(new Summary(11, 6, 1, 5), run.summary());
        assertSummaryReconciles(run);
    }

    @Test
    void numbersLinesFromOneInEachFile() throws IOException {
        Path first = write("first.log", ISTIO_1_9, GARBAGE);
        Path second = write("second.log", GARBAGE, ENVOY, JSON);

        CliRun run = CliRun.run("parse", first.toString(), second.toString());

        assertEquals(0, run.exitCode(), () -> String.join("\n", run.stderr()));
        assertEvents(List.of(
                new ExpectedEvent(1, "istio-1.9", "ok", 503, List.of("UF"), ISTIO_1_9_PATH),
                new ExpectedEvent(2, "envoy", "ok", 200, List.of(), ENVOY_PATH),
                new ExpectedEvent(3, "json", "ok", 404, List.of("NR"), JSON_PATH)), run.events());
        assertRejections(List.of(
                new ExpectedRejection(first, 2, NOT_ACCESS_LOG.reason()),
                new ExpectedRejection(second, 1, NOT_ACCESS_LOG.reason())), run);
        assertEquals(new Summary(5, 3, 0, 2), run.summary());
        assertSummaryReconciles(run);
    }

    @Test
    void dashReadsStandardInputUpToItsUnterminatedLastLine() {
        CliRun run = CliRun.runWithStdin(ENVOY + "\n" + GARBAGE + "\n" + ISTIO_1_3, "parse", "-");

        assertEquals(0, run.exitCode(), () -> String.join("\n", run.stderr()));
        assertEvents(List.of(
                new ExpectedEvent(1, "envoy", "ok", 200, List.of(), ENVOY_PATH),
                new ExpectedEvent(3, "istio-1.3", "ok", 503, List.of("UO"), ISTIO_1_3_PATH)), run.events());
        assertRejections(List.of(new ExpectedRejection("-", 2, NOT_ACCESS_LOG.reason())), run);
        assertEquals(new Summary(3, 2, 0, 1), run.summary());
    }

    @Test
    void jsonFormatRejectsTextLines() throws IOException {
        Path file = write("json-only.log", JSON, ISTIO_1_9, CRI_ISTIO_1_9);

        CliRun run = CliRun.run("parse", "--format", "json", file.toString());

        assertEquals(0, run.exitCode(), () -> String.join("\n", run.stderr()));
        assertEvents(List.of(new ExpectedEvent(1, "json", "ok", 404, List.of("NR"), JSON_PATH)), run.events());
        assertRejections(List.of(
                new ExpectedRejection(file, 2, NOT_ACCESS_LOG.reason()),
                new ExpectedRejection(file, 3, NOT_ACCESS_LOG.reason())), run);
        assertSummaryReconciles(run);
    }

    @Test
    void customFormatStringIsTheOnlyFormatTried() throws IOException {
        String format = "[%START_TIME%] %RESPONSE_CODE% %RESPONSE_FLAGS% %UPSTREAM_CLUSTER%";
        String line = "[2026-03-14T08:15:38.000Z] 503 UO,URX outbound|9090||ledger.billing.svc.cluster.local";
        Path file = write("custom.log", line, ISTIO_1_9);

        CliRun run = CliRun.run("parse", "--format", format, file.toString());

        assertEquals(0, run.exitCode(), () -> String.join("\n", run.stderr()));
        List<JsonNode> events = run.events();
        assertEvents(List.of(new ExpectedEvent(1, "custom", "ok", 503, List.of("UO", "URX"), null)), events);
        JsonNode event = events.get(0);
        assertEquals("2026-03-14T08:15:38.000Z", event.path("start_time").asText());
        assertEquals("ledger.billing.svc.cluster.local", event.path("upstream").path("host").asText());
        assertEquals(9090, event.path("upstream").path("port").asInt());
        assertRejections(List.of(new ExpectedRejection(file, 2, BAD_FIELD.reason())), run);
        assertSummaryReconciles(run);
    }

    @ParameterizedTest
    @ValueSource(strings = {"%START_TIME", "%NOT_AN_OPERATOR%", "%REQ(X-A)%%REQ(X-B)%"})
    void badFormatStringIsAUsageErrorWithAOneLineMessage(String format) throws IOException {
        Path file = write("unread.log", ISTIO_1_9);

        CliRun run = CliRun.run("parse", "--format", format, file.toString());

        assertEquals(2, run.exitCode());
        assertEquals(List.of(), run.stdout());
        assertEquals(1, run.stderr().size(), () -> String.join("\n", run.stderr()));
        String message = run.stderr().get(0);
        assertTrue(message.startsWith("meshlens parse: bad --format: "), message);
        assertFalse(message.contains("Exception"), message);
    }

    @Test
    void missingFileIsReportedAndTheOthersAreStillRead() throws IOException {
        Path missing = dir.resolve("missing.log");
        Path present = write("present.log", ENVOY, GARBAGE);

        CliRun run = CliRun.run("parse", missing.toString(), present.toString());

        assertEquals(1, run.exitCode());
        assertEvents(List.of(new ExpectedEvent(1, "envoy", "ok", 200, List.of(), ENVOY_PATH)), run.events());
        assertEquals(3, run.stderr().size(), () -> String.join("\n", run.stderr()));
        assertEquals(missing + ": cannot read: no such file", run.stderr().get(0));
        assertTrue(run.stderr().get(1).startsWith(present + ":2: " + NOT_ACCESS_LOG.reason()), run.stderr().get(1));
        assertEquals(new Summary(2, 1, 0, 1), run.summary());
    }

    @Test
    void helpGoesToStandardOutput() {
        CliRun run = CliRun.run("parse", "--help");

        assertEquals(0, run.exitCode());
        assertTrue(run.stdout().get(0).startsWith("Usage: meshlens parse"), run.stdout().get(0));
        assertEquals(List.of(), run.stderr());
    }

    private Path write(String name, String... lines) throws IOException {
        return Files.write(dir.resolve(name), List.of(lines), StandardCharsets.UTF_8);
    }

    /** {@code format} null: any format may claim the line (a partial line matches several equally). */
    private record ExpectedEvent(long line, String format, String status, int responseCode, List<String> flags,
                                 String path) {
    }

    private record ExpectedRejection(String file, long line, String reasonPrefix) {
        ExpectedRejection(Path file, long line, String reasonPrefix) {
            this(file.toString(), line, reasonPrefix);
        }
    }

    private static void assertEvents(List<ExpectedEvent> expected, List<JsonNode> events) {
        assertEquals(expected.size(), events.size(), () -> "events: " + events);
        for (int i = 0; i < expected.size(); i++) {
            ExpectedEvent want = expected.get(i);
            JsonNode got = events.get(i);
            String context = "event " + i + ": " + got;
            assertEquals(want.line(), got.path("line").asLong(), context);
            if (want.format() != null) {
                assertEquals(want.format(), got.path("format").asText(), context);
            }
            assertEquals(want.status(), got.path("status").asText(), context);
            assertEquals(want.responseCode(), got.path("response_code").asInt(), context);
            assertEquals(want.flags(), flagsOf(got), context);
            assertEquals(want.path(), got.path("path").isNull() ? null : got.path("path").asText(), context);
        }
    }

    private static List<String> flagsOf(JsonNode event) {
        JsonNode flags = event.path("response_flags");
        assertTrue(flags.isArray(), () -> "response_flags is not an array: " + event);
        return StreamSupport.stream(flags.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static void assertRejections(List<ExpectedRejection> expected, CliRun run) {
        List<CliRun.Rejection> rejections = run.rejections();
        assertEquals(expected.size(), rejections.size(), () -> "stderr: " + run.stderr());
        for (int i = 0; i < expected.size(); i++) {
            ExpectedRejection want = expected.get(i);
            CliRun.Rejection got = rejections.get(i);
            assertEquals(want.file(), got.file(), got.toString());
            assertEquals(want.line(), got.line(), got.toString());
            assertTrue(got.reason().startsWith(want.reasonPrefix()), got.toString());
        }
    }

    private static void assertSummaryReconciles(CliRun run) {
        Summary summary = run.summary();
        assertEquals(run.stdout().size(), summary.parsed(), "parsed = JSON lines on stdout");
        assertEquals(run.rejections().size(), summary.rejected(), "rejected = report lines on stderr");
        assertEquals(summary.lines(), summary.parsed() + summary.rejected(), "every line is parsed or rejected");
    }
}
