package dev.meshlens.app.testkit;

import dev.meshlens.app.Main;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * One MeshLens instance as users run it, {@code meshlens run --config FILE}, in a JVM of its own: its heap, CPU
 * time and memory are its own, and it stops as a pod does (SIGTERM: its shutdown hook closes it cleanly) or
 * dies as a node does (SIGKILL: no clean close, an open transaction left behind). The fault tests and the
 * end-to-end benchmarks run their instances this way.
 */
public final class InstanceProcess implements AutoCloseable {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final Path log;
    private final int port;

    private InstanceProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts instance {@code name} with {@code settings} and its REST API on a free port of 127.0.0.1, in a JVM
     * with {@code jvmOptions}; its config is written to {@code dir/name.properties} and its output appended to
     * {@code dir/name.log} (a restart under the same name adds to it). Does not wait for it. MESHLENS_*
     * variables of this environment are not passed on: they would override the settings.
     */
    public static InstanceProcess start(Path dir, String name, Properties settings, List<String> jvmOptions)
            throws IOException {
        int port = freePort();
        Properties config = new Properties();
        config.putAll(settings);
        config.setProperty("meshlens.http.host", "127.0.0.1");
        config.setProperty("meshlens.http.port", Integer.toString(port));
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".properties");
        try (Writer out = Files.newBufferedWriter(file)) {
            config.store(out, "instance " + name);
        }
        Path log = dir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(ChildJvm.command(jvmOptions, Main.class.getName(),
                List.of("run", "--config", file.toString())))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(key -> key.startsWith("MESHLENS_"));
        Process process = builder.start();
        // A JVM stopped with Ctrl-C (a benchmark) must not leave instances running, and using CPU, behind it.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        return new InstanceProcess(process, log, port);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code /ready} answers 200: the pipeline is RUNNING and its stores are queryable. */
    public InstanceProcess awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (!process.isAlive()) {
                throw new IllegalStateException("instance exited with " + process.exitValue() + "; log: " + log);
            }
            try {
                if (get("/ready").statusCode() == 200) {
                    return this;
                }
            } catch (IOException notListeningYet) {
                // The REST API starts with the instance; until then, connections are refused.
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("instance on port " + port + " not ready after " + timeout + "; log: " + log);
    }

    /** A GET on this instance's REST API, without a token. */
    public HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public int port() {
        return port;
    }

    /** The JVM's process: its pid, and its CPU time so far. */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** SIGKILL, and waits for the process to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException("pid " + process.pid() + " still alive after SIGKILL");
        }
    }

    /** SIGTERM, as a pod's stop: the shutdown hook closes the instance cleanly. SIGKILL if it hangs, or if interrupted. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
