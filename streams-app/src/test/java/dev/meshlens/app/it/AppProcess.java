package dev.meshlens.app.it;

import dev.meshlens.app.Main;
import dev.meshlens.app.serving.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * One instance of a {@link Deployment} in a JVM of its own, started as {@code meshlens run --config FILE}
 * starts it (REST API and all), so that a test can kill it with SIGKILL: no shutdown hook, no clean close,
 * an open transaction left behind, as when a node dies or the OOM killer strikes.
 */
final class AppProcess implements AutoCloseable {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path log;
    private final Http http;

    private AppProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.http = new Http(port);
    }

    /**
     * Starts an instance named {@code name} with its state in {@code dir/name-state}, its config and log next
     * to it, and {@code kafkaOverrides} on top of the deployment's settings. Does not wait for it.
     */
    static AppProcess start(Deployment deployment, Path dir, String name, Map<String, String> kafkaOverrides)
            throws IOException {
        int port = freePort();
        Properties settings = deployment.settings(dir.resolve(name + "-state"), kafkaOverrides);
        settings.put("meshlens.http.host", "127.0.0.1");
        settings.put("meshlens.http.port", Integer.toString(port));
        Path config = dir.resolve(name + ".properties");
        try (Writer out = Files.newBufferedWriter(config)) {
            settings.store(out, "instance " + name + " of " + deployment.applicationId);
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx384m");
        // The parser maps files through Chronicle Bytes, which needs these JDK internals opened (as the jar's manifest does).
        command.addAll(Arrays.asList(System.getProperty("chronicle.jvm.flags", "").trim().split("\\s+")));
        command.removeIf(String::isEmpty);
        command.addAll(List.of("-Dchronicle.analytics.disable=true", "-Dchronicle.announcer.disable=true",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", "--config", config.toString()));
        Path log = dir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(key -> key.startsWith("MESHLENS_"));
        return new AppProcess(builder.start(), log, port);
    }

    /** Waits until its REST API says ready: the pipeline RUNNING and its stores queryable. */
    AppProcess awaitReady(Duration timeout) {
        Waits.until("instance at " + http.base() + " to be ready (log: " + log + ")", timeout, () -> {
            if (!process.isAlive()) {
                throw new AssertionError("instance exited with " + process.exitValue() + "; log: " + log);
            }
            return http.get("/ready").status();
        }, status -> status == 200);
        return this;
    }

    Http http() {
        return http;
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL, and waits for the process to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("pid " + process.pid() + " still alive after SIGKILL");
        }
    }

    /** SIGTERM, as a pod's stop: the shutdown hook closes the instance cleanly. SIGKILL if it hangs. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
