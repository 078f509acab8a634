package dev.meshlens.app.pipeline;

import dev.meshlens.app.alerts.Alert;
import dev.meshlens.app.alerts.AlertEvaluator;
import dev.meshlens.app.alerts.AlertRules;
import dev.meshlens.app.alerts.JsonSerde;
import dev.meshlens.diagnosis.CauseRules;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The whole pipeline, in one place:
 * <pre>
 * input (Fluent Bit records or raw lines, any key)
 *   -> parse, classify, pre-aggregate per task and (service, window)  --not an access event--> dead-letter topic
 *   -> repartition by service (partial aggregates only, a few per service and flush)
 *   -> count the lines of partials whose window has closed (the merge drops them)
 *   -> merge per (service, event-time window), with grace and retention: store "meshlens-service-windows"
 *   -> alert evaluation (firing/resolved, de-duplicated): alert topic
 * </pre>
 */
public final class MeshLensTopology {
    public static final String SERVICE_WINDOWS_STORE = "meshlens-service-windows";
    public static final String ALERT_STATE_STORE = "meshlens-alert-state";
    static final String BUFFER_STORE = "meshlens-preaggregation-buffer";
    static final String REPARTITION_NAME = "partials-by-service";

    private MeshLensTopology() {
    }

    public static Topology build(PipelineSettings settings, CauseRules causeRules, AlertRules alertRules,
            MeterRegistry registry) {
        PipelineMetrics metrics = new PipelineMetrics(registry);
        ServiceWindowSerde windowSerde = new ServiceWindowSerde();
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(PreAggregationBuffer.builder(BUFFER_STORE));
        builder.addStateStore(AlertEvaluator.storeBuilder(ALERT_STATE_STORE));

        AccessLogTimestampExtractor extractor = new AccessLogTimestampExtractor(settings.format(),
                settings.maxLineLength(), metrics);
        KStream<String, Routed> routed = builder
                .stream(settings.inputTopic(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withTimestampExtractor(extractor).withName("access-logs"))
                .process(() -> new PreAggregator(settings, causeRules, metrics, BUFFER_STORE, extractor),
                        Named.as("parse-classify-preaggregate"), BUFFER_STORE);

        Map<String, KStream<String, Routed>> branches = routed.split(Named.as("route-"))
                .branch((service, value) -> value instanceof Routed.DeadLetter, Branched.as("dead-letters"))
                .defaultBranch(Branched.as("partials"));

        branches.get("route-dead-letters")
                .map((ignored, value) -> {
                    Routed.DeadLetter letter = (Routed.DeadLetter) value;
                    return KeyValue.pair(letter.key(), letter.value());
                }, Named.as("dead-letter-record"))
                .to(settings.deadLetterTopic(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("dead-letter-topic"));

        branches.get("route-partials")
                .mapValues(value -> ((Routed.Partial) value).window(), Named.as("partial-window"))
                .repartition(Repartitioned.with(Serdes.String(), windowSerde).withName(REPARTITION_NAME))
                .processValues(() -> new LateLines(settings.window().toMillis(), settings.grace().toMillis(), metrics),
                        Named.as("count-late-lines"))
                .groupByKey(Grouped.with(Serdes.String(), windowSerde))
                .windowedBy(TimeWindows.ofSizeAndGrace(settings.window(), settings.grace()))
                .aggregate(() -> null, (service, partial, total) -> total == null ? partial : total.merge(partial),
                        Named.as("merge-partials"),
                        Materialized.<String, ServiceWindow, WindowStore<Bytes, byte[]>>as(SERVICE_WINDOWS_STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(windowSerde)
                                .withRetention(settings.retention()))
                .toStream(Named.as("window-updates"))
                .process(() -> new AlertEvaluator(alertRules, causeRules, settings.window().toMillis(),
                        settings.grace().toMillis(), ALERT_STATE_STORE, registry), Named.as("evaluate-alerts"),
                        ALERT_STATE_STORE)
                .to(settings.alertTopic(), Produced.with(Serdes.String(), new JsonSerde<>(Alert.class))
                        .withName("alert-topic"));
        return builder.build();
    }
}
