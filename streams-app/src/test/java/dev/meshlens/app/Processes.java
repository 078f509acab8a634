package dev.meshlens.app;

import static org.junit.jupiter.api.Assertions.fail;

import dev.meshlens.app.cli.CliRun;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs {@code meshlens} as its users do: as a separate process, in a working directory of the test's choosing. */
final class Processes {
    /** Only a guard against a hung child; a healthy run takes about a second. */
    private static final long HANG_GUARD_MINUTES = 5;

    private Processes() {
    }

    static CliRun run(Path workingDirectory, String stdin, Map<String, String> environment, List<String> command)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
        // The JVM announces these on stderr, which the tests read line by line.
        builder.environment().keySet().removeAll(List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        // Both pipes are drained at once so that neither can fill up and block the child.
        CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        if (!process.waitFor(HANG_GUARD_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("still running after " + HANG_GUARD_MINUTES + " minutes: " + command);
        }
        return CliRun.of(process.exitValue(), stdout.join(), stderr.join());
    }

    static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
