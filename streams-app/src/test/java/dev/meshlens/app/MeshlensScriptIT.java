package dev.meshlens.app;

import static dev.meshlens.app.cli.SampleLines.ENVOY;
import static dev.meshlens.app.cli.SampleLines.ENVOY_PATH;
import static dev.meshlens.app.cli.SampleLines.GARBAGE;
import static dev.meshlens.app.cli.SampleLines.ISTIO_1_9;
import static dev.meshlens.app.cli.SampleLines.ISTIO_1_9_PATH;
import static dev.meshlens.parser.event.ParseStatus.NOT_ACCESS_LOG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshlens.app.cli.CliRun;
import dev.meshlens.app.cli.CliRun.Summary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The root {@code ./meshlens} script, run on the jar this build just packaged. */
class MeshlensScriptIT {
    private static final Path SCRIPT =
            Path.of(System.getProperty("meshlens.project.dir")).toAbsolutePath().normalize().resolve("meshlens");
    /** Maven is mid-build: a stale jar must fail the test, not start a second build over this one's output. */
    private static final Map<String, String> ENVIRONMENT =
            Map.of("MESHLENS_NO_BUILD", "1", "JAVA_HOME", System.getProperty("java.home"), "MESHLENS_JAVA_OPTS", "");

    @TempDir
    Path dir;

    @Test
    void parsesAFileNamedRelativeToAnotherWorkingDirectory() throws IOException, InterruptedException {
        Path logs = Files.createDirectories(dir.resolve("logs with spaces"));
        Files.write(logs.resolve("access log.txt"), List.of(ISTIO_1_9, GARBAGE, ENVOY), StandardCharsets.UTF_8);

        CliRun run = meshlens(logs, "", "parse", "access log.txt");

        assertEquals(0, run.exitCode(), () -> String.join("\n", run.stderr()));
        List<JsonNode> events = run.events();
        assertEquals(List.of(1L, 3L), events.stream().map(event -> event.path("line").asLong()).toList());
        assertEquals(List.of(ISTIO_1_9_PATH, ENVOY_PATH),
                events.stream().map(event -> event.path("path").asText()).toList());
        assertEquals(2, run.stderr().size(), () -> "nothing but the rejection and the summary: " + run.stderr());
        assertTrue(run.stderr().get(0).startsWith("access log.txt:2: " + NOT_ACCESS_LOG.reason()), run.stderr().get(0));
        assertEquals(new Summary(3, 2, 0, 1), run.summary());
    }

    @Test
    void dashGivenTwiceReadsStandardInputOnce() throws IOException, InterruptedException {
        CliRun run = meshlens(dir, ENVOY + "\n", "parse", "-", "-");

        assertEquals(0, run.exitCode(), () -> String.join("\n", run.stderr()));
        assertEquals(1, run.events().size());
        assertEquals(new Summary(1, 1, 0, 0), run.summary());
    }

    /** The first diagnose after a build writes its class-data archive; the next starts from it, and both print the same. */
    @Test
    void diagnoseFromItsClassDataArchivePrintsWhatTheFirstRunPrinted() throws IOException, InterruptedException {
        Path archive = SCRIPT.resolveSibling("streams-app/target/meshlens-diagnose.jsa");
        Files.deleteIfExists(archive);
        Files.write(dir.resolve("access.log"), List.of(ISTIO_1_9, GARBAGE, ENVOY), StandardCharsets.UTF_8);

        CliRun writing = meshlens(dir, "", "diagnose", "access.log");
        assertTrue(Files.size(archive) > 0, "the first run leaves an archive");
        CliRun reading = meshlens(dir, "", "diagnose", "access.log");

        assertEquals(0, writing.exitCode(), () -> String.join("\n", writing.stderr()));
        assertEquals(writing, reading);
        assertTrue(writing.stdout().get(0).startsWith("MeshLens diagnosis of access.log: 3 lines"), writing.stdout().get(0));
    }

    @ParameterizedTest
    @CsvSource({"--help, Usage: meshlens ", "parse --help, Usage: meshlens parse "})
    void helpPrintsUsage(String arguments, String usage) throws IOException, InterruptedException {
        CliRun run = meshlens(dir, "", arguments.split(" "));

        assertEquals(0, run.exitCode(), () -> String.join("\n", run.stderr()));
        assertTrue(run.stdout().get(0).startsWith(usage), run.stdout().get(0));
        assertEquals(List.of(), run.stderr());
    }

    private static CliRun meshlens(Path workingDirectory, String stdin, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
        command.addAll(List.of(arguments));
        return Processes.run(workingDirectory, stdin, ENVIRONMENT, command);
    }
}
