package dev.meshlens.benchmarks.rig;

import dev.meshlens.app.pipeline.PipelineSettings;
import java.io.IOException;
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
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One MeshLens instance as users run it, {@code meshlens run --config FILE}, in its own JVM (so that its heap,
 * CPU time and resident memory are its own, not the broker's or the load generator's), with its own state
 * directory and HTTP port. The JVM runs with its defaults: no heap size is set.
 */
public final class AppProcess implements AutoCloseable {
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
    private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

    private final Process process;
    private final Path stateDir;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private AppProcess(Process process, Path stateDir, int port) {
        this.process = process;
        this.stateDir = stateDir;
        this.port = port;
    }

    /**
     * Starts instance {@code name} of application {@code applicationId} under {@code workDir}, reading the
     * topics of {@code topics}; {@code extra} are more settings (e.g. {@code meshlens.alert.rules}).
     */
    public static AppProcess start(Path workDir, String name, String applicationId, String bootstrapServers,
            PipelineSettings topics, Map<String, String> extra) throws IOException {
        Path dir = workDir.resolve(name);
        Path stateDir = dir.resolve("state");
        Files.createDirectories(stateDir);
        int port = freePort();
        Properties config = new Properties();
        config.setProperty("application.id", applicationId);
        config.setProperty("bootstrap.servers", bootstrapServers);
        config.setProperty("state.dir", stateDir.toString());
        config.setProperty("meshlens.input.topic", topics.inputTopic());
        config.setProperty("meshlens.dlq.topic", topics.deadLetterTopic());
        config.setProperty("meshlens.alerts.topic", topics.alertTopic());
        config.setProperty("meshlens.http.port", Integer.toString(port));
        config.putAll(extra);
        Path file = dir.resolve("meshlens.properties");
        try (Writer out = Files.newBufferedWriter(file)) {
            config.store(out, "written by the MeshLens benchmarks");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "dev.meshlens.app.Main", "run", "--config", file.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("meshlens.log").toFile()).start();
        // A benchmark stopped with Ctrl-C must not leave instances running (and using CPU) behind it.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        return new AppProcess(process, stateDir, port);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Waits until {@code /ready} answers 200: the instance is RUNNING and its stores are queryable. */
    public AppProcess awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("instance exited with " + process.exitValue() + "; see its meshlens.log");
            }
            try {
                if (get("/ready").statusCode() == 200) {
                    return this;
                }
            } catch (IOException notListeningYet) {
                // The HTTP server starts with the instance; until then, connections are refused.
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("instance not ready after " + timeout);
    }

    /** A GET on this instance's REST API. */
    public HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The sum of a Prometheus counter's series on {@code /metrics}, e.g. {@code meshlens_records_in_total}. */
    public double counter(String name) throws IOException, InterruptedException {
        double sum = 0;
        for (String line : get("/metrics").body().split("\n")) {
            if (line.startsWith(name + ' ') || line.startsWith(name + '{')) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** Input records per partial aggregate sent to the repartition topic, since {@code before}. */
    public double recordsPerPartial(PreAggregation before) throws IOException, InterruptedException {
        PreAggregation now = preAggregation();
        return (now.records() - before.records()) / (now.partials() - before.partials());
    }

    /** The counters that say how much the per-task pre-aggregation reduces the input. */
    public PreAggregation preAggregation() throws IOException, InterruptedException {
        return new PreAggregation(counter("meshlens_records_in_total"), counter("meshlens_partials_forwarded_total"));
    }

    /** Input records read and partials forwarded so far. */
    public record PreAggregation(double records, double partials) {
    }

    /** User plus system CPU time the instance's JVM has used so far. */
    public Duration cpuTime() {
        return process.toHandle().info().totalCpuDuration().orElseThrow();
    }

    /** Heap in use right after a full GC ({@code jcmd GC.run}, then {@code GC.heap_info}), in MB. */
    public double heapAfterGcMb() throws Exception {
        jcmd("GC.run");
        Matcher used = HEAP_USED.matcher(jcmd("GC.heap_info"));
        if (!used.find()) {
            throw new IllegalStateException("no heap figure from jcmd GC.heap_info");
        }
        return Long.parseLong(used.group(1)) / 1024.0;
    }

    /** Resident memory of the JVM (heap, RocksDB's native memory, code, threads), in MB. */
    public double residentMb() throws IOException {
        Matcher rss = RSS.matcher(Files.readString(Path.of("/proc", Long.toString(process.pid()), "status")));
        if (!rss.find()) {
            throw new IllegalStateException("no VmRSS for " + process.pid());
        }
        return Long.parseLong(rss.group(1)) / 1024.0;
    }

    /** Bytes of the instance's state directory (RocksDB files of its window and alert stores, checkpoints). */
    public double stateOnDiskMb() throws IOException {
        try (Stream<Path> files = Files.walk(stateDir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum() / (1024.0 * 1024.0);
        }
    }

    private String jcmd(String command) throws Exception {
        Process jcmd = new ProcessBuilder("jcmd", Long.toString(process.pid()), command).redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes());
        if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + command + " failed: " + out);
        }
        return out;
    }

    /** Stops the instance as Ctrl-C would (its shutdown hook closes Kafka Streams cleanly). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
