package dev.meshlens.app.pipeline;

import dev.meshlens.app.alerts.AlertRules;
import dev.meshlens.diagnosis.CauseRules;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One running instance of the pipeline: the topology on a {@link KafkaStreams} client, started and stopped. */
public final class MeshLensApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MeshLensApp.class);

    private final PipelineSettings settings;
    private final KafkaStreams streams;

    public MeshLensApp(PipelineSettings settings, MeterRegistry registry) throws IOException {
        this.settings = settings;
        CauseRules causeRules = settings.causeRules() == null ? CauseRules.builtIn()
                : CauseRules.fromFile(settings.causeRules());
        AlertRules alertRules = settings.alertRules() == null ? AlertRules.builtIn()
                : AlertRules.fromFile(settings.alertRules());
        Topology topology = MeshLensTopology.build(settings, causeRules, alertRules, registry);
        this.streams = new KafkaStreams(topology, settings.kafka());
        // A processing error is a bug, not bad input (bad input goes to the dead-letter topic): replace the
        // thread so one bad state does not stop the instance for good.
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("stream thread failed; replacing it", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    }

    public MeshLensApp start() {
        LOG.info("starting: input {}, dead letters {}, alerts {}, window {}, grace {}; kafka {}", settings.inputTopic(),
                settings.deadLetterTopic(), settings.alertTopic(), settings.window(), settings.grace(),
                settings.kafkaForLogging());
        streams.start();
        return this;
    }

    public KafkaStreams streams() {
        return streams;
    }

    public PipelineSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
    }
}
