package dev.meshlens.app.cli;

import dev.meshlens.app.pipeline.MeshLensApp;
import dev.meshlens.app.pipeline.PipelineSettings;
import dev.meshlens.app.serving.ServingSettings;
import java.nio.file.Path;
import java.util.Properties;
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
        ServingSettings serving;
        try {
            Properties all = PipelineSettings.readAll(config, System.getenv());
            settings = PipelineSettings.from(all);
            serving = ServingSettings.from(all);
        } catch (IllegalArgumentException e) {
            System.err.println("meshlens run: " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (MeshLensApp app = MeshLensApp.withServing(settings, serving)) {
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
