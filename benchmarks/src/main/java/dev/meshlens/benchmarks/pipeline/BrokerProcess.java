package dev.meshlens.benchmarks.pipeline;

import dev.meshlens.app.demo.EmbeddedKafka;
import dev.meshlens.app.testkit.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real single-node KRaft broker (the app's {@link EmbeddedKafka}) in a JVM of its own, so that the CPU time
 * and heap measured in the benchmark's JVM are the client's alone, and the broker's can be read apart from
 * /proc. The child prints its bootstrap address on one line, then serves until its standard input closes.
 */
final class BrokerProcess implements AutoCloseable {
    private static final String READY = "bootstrap=";

    private final Process process;
    private final String bootstrapServers;
    private final Path dataDir;

    private BrokerProcess(Process process, String bootstrapServers, Path dataDir) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
        this.dataDir = dataDir;
    }

    /** Starts the broker with {@code heap} (a -Xmx value) and its log under a fresh temporary directory. */
    static BrokerProcess start(String heap) throws IOException {
        Path dataDir = Files.createTempDirectory("meshlens-pipeline-broker");
        Process process = new ProcessBuilder(ChildJvm.command(List.of("-Xmx" + heap), BrokerProcess.class.getName(),
                List.of(dataDir.toString())))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith(READY)) {
                return new BrokerProcess(process, line.substring(READY.length()), dataDir);
            }
        }
        process.destroyForcibly();
        throw new IOException("the broker process ended before it was ready: exit " + waitFor(process));
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** CPU time the broker's JVM has used so far. */
    long cpuNanos() {
        return ProcessCpu.of(process.toHandle());
    }

    @Override
    public void close() throws IOException {
        process.getOutputStream().close();
        waitFor(process);
        EmbeddedKafka.deleteData(dataDir);
    }

    private static int waitFor(Process process) {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return -1;
        }
    }

    /** The child: starts the broker, announces it, and stops it when the parent closes our standard input. */
    public static void main(String[] args) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(Path.of(args[0]), 0)) {
            System.out.println(READY + kafka.bootstrapServers());
            System.out.flush();
            while (System.in.read() >= 0) {
                // Nothing is sent; end of input is the signal to stop.
            }
        }
    }
}
