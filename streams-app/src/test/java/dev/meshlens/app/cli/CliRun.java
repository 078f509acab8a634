package dev.meshlens.app.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshlens.app.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One in-process run of {@code meshlens}, with its exit code and everything it printed, line by line. */
public record CliRun(int exitCode, List<String> stdout, List<String> stderr) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern REJECTION = Pattern.compile("(.+):(\\d+): (.+)");
    private static final Pattern SUMMARY =
            Pattern.compile("meshlens parse: (\\d+) lines, (\\d+) parsed \\((\\d+) partial\\), (\\d+) rejected");

    /** A line of input {@code meshlens parse} turned down. */
    public record Rejection(String file, long line, String reason) {
    }

    /** The counts on the last line of {@code meshlens parse}'s stderr. */
    public record Summary(long lines, long parsed, long partial, long rejected) {
    }

    public static CliRun run(String... args) {
        return runWithStdin("", args);
    }

    public static CliRun runWithStdin(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        StandardStreams streams = new StandardStreams(
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        int exitCode = Main.commandLine(streams).execute(args);
        return of(exitCode, out.toByteArray(), err.toByteArray());
    }

    /** A finished run, in-process or not, from the bytes it wrote. */
    public static CliRun of(int exitCode, byte[] stdout, byte[] stderr) {
        return new CliRun(exitCode, lines(stdout), lines(stderr));
    }

    private static List<String> lines(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            return List.of();
        }
        assertTrue(text.endsWith("\n"), () -> "output does not end with a newline: " + text);
        return List.of(text.substring(0, text.length() - 1).split("\n", -1));
    }

    /** Every stdout line, each of which must be exactly one JSON object. */
    public List<JsonNode> events() {
        List<JsonNode> events = new ArrayList<>();
        for (String line : stdout) {
            try {
                JsonNode event = JSON.readTree(line);
                assertTrue(event.isObject(), () -> "stdout line is not a JSON object: " + line);
                events.add(event);
            } catch (JsonProcessingException e) {
                fail("stdout line is not JSON: " + line, e);
            }
        }
        return events;
    }

    /** Every stderr line but the summary, each of which must read {@code FILE:LINE: reason}. */
    public List<Rejection> rejections() {
        List<Rejection> rejections = new ArrayList<>();
        for (String line : stderr.subList(0, Math.max(0, stderr.size() - 1))) {
            Matcher m = REJECTION.matcher(line);
            assertTrue(m.matches(), () -> "stderr line is not FILE:LINE: reason: " + line);
            rejections.add(new Rejection(m.group(1), Long.parseLong(m.group(2)), m.group(3)));
        }
        return rejections;
    }

    public Summary summary() {
        assertTrue(!stderr.isEmpty(), "stderr is empty: no summary");
        String last = stderr.get(stderr.size() - 1);
        Matcher m = SUMMARY.matcher(last);
        assertTrue(m.matches(), () -> "last stderr line is not the summary: " + last);
        return new Summary(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                Long.parseLong(m.group(4)));
    }
}
