package dev.meshlens.benchmarks.rig;

import dev.meshlens.app.pipeline.PipelineSettings;
import dev.meshlens.app.testkit.InstanceProcess;
import java.io.IOException;
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
 * One MeshLens instance as users run it, {@code meshlens run --config FILE}, in its own JVM
 * ({@link InstanceProcess}: its heap, CPU time and resident memory are its own, not the broker's or the load
 * generator's), with its own state directory, and what the benchmarks measure of it. The JVM runs with its
 * defaults: no heap size is set.
 */
public final class AppProcess implements AutoCloseable {
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
    private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

    private final InstanceProcess instance;
    private final Path stateDir;

    private AppProcess(InstanceProcess instance, Path stateDir) {
        this.instance = instance;
        this.stateDir = stateDir;
    }

    /**
     * Starts instance {@code name} of application {@code applicationId} under {@code workDir}, reading the
     * topics of {@code topics}; {@code extra} are more settings (e.g. {@code meshlens.alert.rules}).
     */
    public static AppProcess start(Path workDir, String name, String applicationId, String bootstrapServers,
            PipelineSettings topics, Map<String, String> extra) throws IOException {
        Path stateDir = workDir.resolve(name).resolve("state");
        Files.createDirectories(stateDir);
        Properties config = new Properties();
        config.setProperty("application.id", applicationId);
        config.setProperty("bootstrap.servers", bootstrapServers);
        config.setProperty("state.dir", stateDir.toString());
        config.setProperty("meshlens.input.topic", topics.inputTopic());
        config.setProperty("meshlens.dlq.topic", topics.deadLetterTopic());
        config.setProperty("meshlens.alerts.topic", topics.alertTopic());
        config.putAll(extra);
        return new AppProcess(InstanceProcess.start(workDir.resolve(name), "meshlens", config, List.of()), stateDir);
    }

    /** Waits until {@code /ready} answers 200: the instance is RUNNING and its stores are queryable. */
    public AppProcess awaitReady(Duration timeout) throws InterruptedException {
        instance.awaitReady(timeout);
        return this;
    }

    /** A GET on this instance's REST API. */
    public HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return instance.get(pathAndQuery);
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
        return instance.handle().info().totalCpuDuration().orElseThrow();
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
        long pid = instance.handle().pid();
        Matcher rss = RSS.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        if (!rss.find()) {
            throw new IllegalStateException("no VmRSS for " + pid);
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
        Process jcmd = new ProcessBuilder("jcmd", Long.toString(instance.handle().pid()), command).redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes());
        if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + command + " failed: " + out);
        }
        return out;
    }

    /** Stops the instance as Ctrl-C would (its shutdown hook closes Kafka Streams cleanly). */
    @Override
    public void close() {
        instance.close();
    }
}
