package dev.meshlens.app.cli;

import dev.meshlens.app.pipeline.MeshLensApp;
import dev.meshlens.app.pipeline.PipelineSettings;
import io.micrometer.core.instrument.Metrics;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code meshlens run}: the streaming pipeline against an existing Kafka cluster. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the streaming pipeline against an existing Kafka cluster until stopped (Ctrl-C).",
            "Settings: the --config properties file, then MESHLENS_* environment variables."})
public final class RunCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties: meshlens.* settings, and Kafka Streams/client settings (TLS, SASL) as is.")
    Path config;

    @Override
    public Integer call() throws Exception {
        PipelineSettings settings;
        try {
            settings = PipelineSettings.load(config, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("meshlens run: " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (MeshLensApp app = new MeshLensApp(settings, Metrics.globalRegistry)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                app.close();
                stopped.countDown();
            }, "meshlens-shutdown"));
            app.start();
            stopped.await();
        }
        return 0;
    }
}
