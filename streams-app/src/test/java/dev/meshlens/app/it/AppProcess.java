package dev.meshlens.app.it;

import dev.meshlens.app.serving.Http;
import dev.meshlens.app.testkit.InstanceProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One instance of a {@link Deployment} as {@code meshlens run --config FILE} in a JVM of its own
 * ({@link InstanceProcess}), so that a test can kill it with SIGKILL as when a node dies or the OOM killer strikes.
 */
final class AppProcess implements AutoCloseable {
    private final InstanceProcess instance;
    private final Http http;

    private AppProcess(InstanceProcess instance) {
        this.instance = instance;
        this.http = new Http(instance.port());
    }

    /**
     * Starts an instance named {@code name} with its state in {@code dir/name-state}, its config and log next
     * to it, and {@code kafkaOverrides} on top of the deployment's settings. Does not wait for it.
     */
    static AppProcess start(Deployment deployment, Path dir, String name, Map<String, String> kafkaOverrides)
            throws IOException {
        List<String> jvm = new ArrayList<>(List.of("-Xmx384m"));
        // The parser maps files through Chronicle Bytes, which needs these JDK internals opened (as the jar's manifest does).
        jvm.addAll(Arrays.asList(System.getProperty("chronicle.jvm.flags", "").trim().split("\\s+")));
        jvm.removeIf(String::isEmpty);
        jvm.addAll(List.of("-Dchronicle.analytics.disable=true", "-Dchronicle.announcer.disable=true"));
        return new AppProcess(InstanceProcess.start(dir, name,
                deployment.settings(dir.resolve(name + "-state"), kafkaOverrides), jvm));
    }

    /** Waits until its REST API says ready: the pipeline RUNNING and its stores queryable. */
    AppProcess awaitReady(Duration timeout) throws InterruptedException {
        instance.awaitReady(timeout);
        return this;
    }

    Http http() {
        return http;
    }

    /** SIGKILL, and waits for the process to be gone. */
    void kill() throws InterruptedException {
        instance.kill();
    }

    /** SIGTERM, as a pod's stop; SIGKILL if it hangs. */
    @Override
    public void close() {
        instance.close();
    }
}
