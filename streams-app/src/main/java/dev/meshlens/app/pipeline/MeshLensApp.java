package dev.meshlens.app.pipeline;

import dev.meshlens.app.alerts.AlertRules;
import dev.meshlens.app.serving.ClusterQueries;
import dev.meshlens.app.serving.LocalState;
import dev.meshlens.app.serving.RestServer;
import dev.meshlens.app.serving.ServingContext;
import dev.meshlens.app.serving.ServingSettings;
import dev.meshlens.app.serving.Summaries;
import dev.meshlens.diagnosis.CauseRules;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running instance: the topology on a {@link KafkaStreams} client and, when serving, the REST API,
 * metrics and dashboard in front of its state stores.
 */
public final class MeshLensApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MeshLensApp.class);

    private final PipelineSettings settings;
    private final KafkaStreams streams;
    private final RestServer server;
    private final KafkaStreamsMetrics streamsMetrics;

    /** The pipeline alone, without the HTTP side. */
    public MeshLensApp(PipelineSettings settings, MeterRegistry registry) throws IOException {
        this.settings = settings;
        this.server = null;
        this.streams = createStreams(settings, registry);
        this.streamsMetrics = null;
    }

    private MeshLensApp(PipelineSettings settings, ServingSettings serving, PrometheusMeterRegistry registry)
            throws IOException {
        ServingContext context = new ServingContext();
        this.server = new RestServer(serving, context, registry, settings.retention());
        try {
            ServingSettings bound = serving.withPort(server.port());
            this.settings = settings.kafka().containsKey(StreamsConfig.APPLICATION_SERVER_CONFIG) ? settings
                    : settings.withKafka(Map.of(StreamsConfig.APPLICATION_SERVER_CONFIG, bound.applicationServer()));
            this.streams = createStreams(this.settings, registry);
            this.streamsMetrics = new KafkaStreamsMetrics(streams);
            streamsMetrics.bindTo(registry);
            HostInfo self = HostInfo.buildFromEndpoint(
                    this.settings.kafka().getProperty(StreamsConfig.APPLICATION_SERVER_CONFIG));
            context.attach(new ServingContext.Live(streams, new LocalState(streams, settings.window().toMillis()),
                    new ClusterQueries(streams, self, serving.token()), new Summaries(causeRules(settings))));
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** The pipeline with its REST API, {@code /metrics} and dashboard. */
    public static MeshLensApp withServing(PipelineSettings settings, ServingSettings serving) throws IOException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // Kafka Streams names the RocksDB store tag differently for window stores; Prometheus wants one tag set
        // per metric name, so both are called rocksdb.state.id.
        registry.config().meterFilter(MeterFilter.renameTag("kafka.stream.state", "rocksdb.window.state.id",
                "rocksdb.state.id"));
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        return new MeshLensApp(settings, serving, registry);
    }

    private static KafkaStreams createStreams(PipelineSettings settings, MeterRegistry registry) throws IOException {
        AlertRules alertRules = settings.alertRules() == null ? AlertRules.builtIn()
                : AlertRules.fromFile(settings.alertRules());
        Topology topology = MeshLensTopology.build(settings, causeRules(settings), alertRules, registry);
        KafkaStreams streams = new KafkaStreams(topology, settings.kafka());
        // Bad input goes to the dead-letter topic; an exception here is a bug or a broker fault: replace the
        // thread so the instance keeps going, and let exactly-once redo the uncommitted work.
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("stream thread failed; replacing it", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        return streams;
    }

    private static CauseRules causeRules(PipelineSettings settings) throws IOException {
        return settings.causeRules() == null ? CauseRules.builtIn() : CauseRules.fromFile(settings.causeRules());
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

    /** The HTTP port, or -1 without serving. */
    public int httpPort() {
        return server == null ? -1 : server.port();
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
        if (server != null) {
            server.close();
        }
    }
}
