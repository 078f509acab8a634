package dev.meshlens.app.pipeline;

import dev.meshlens.app.Durations;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Everything the pipeline is told: MeshLens's own {@code meshlens.*} settings, and every other key passed to
 * Kafka Streams and its clients as is (TLS and SASL included). Read from a properties file, then from the
 * environment, which wins: {@code MESHLENS_WINDOW=5m} sets {@code meshlens.window}, and
 * {@code MESHLENS_KAFKA_BOOTSTRAP_SERVERS=broker:9093} sets {@code bootstrap.servers}.
 *
 * <p>Defaults that differ from Kafka Streams': exactly_once_v2, {@code commit.interval.ms} and
 * {@code num.stream.threads} (see {@link #from}). Kafka Streams' own defaults are kept where a profile of the
 * exactly-once run of benchmarks/run-pipeline (JFR, stream thread) shows they do not bound throughput:
 * <ul>
 * <li>{@code metrics.recording.level} INFO is the lowest there is; the per-record sensors it keeps (the source's
 *     end-to-end latency, the thread's process rate) were about 7 % of the stream thread's samples;</li>
 * <li>{@code max.poll.records} 1000 and {@code buffered.records.per.partition} 1000, with the consumer's fetch
 *     sizes (1 MB per partition, some 650 records of 1.5 KB): polling and fetching were about 4 %;</li>
 * <li>the producer's {@code linger.ms} (100 ms in Kafka Streams) and {@code batch.size}: under exactly-once
 *     the producer carries only partials (under 1 % of the input records) and dead letters, and every commit
 *     flushes it, so its batching is not on the input's path;</li>
 * <li>{@code statestore.cache.max.bytes} 10 MB, shared by the threads: the merge's working set is services x
 *     open windows (160 x 2 in the benchmark, a few kB each), well inside it.</li>
 * </ul>
 */
public record PipelineSettings(String inputTopic, String deadLetterTopic, String alertTopic, Duration window,
        Duration grace, Duration retention, Duration flushInterval, String format, int maxLineLength,
        Path causeRules, Path alertRules, Properties kafka) {

    public static final String DEFAULT_INPUT_TOPIC = "istio-proxy-logs";
    public static final String DEFAULT_DEAD_LETTER_TOPIC = "meshlens.dlq";
    public static final String DEFAULT_ALERT_TOPIC = "meshlens.alerts";
    /**
     * Kafka Streams commits every 100 ms under exactly-once: each commit is a transaction (tens of ms of round
     * trips to the broker) and sends every pre-aggregated partial on, so at that rate commits, not records, bound
     * the throughput (benchmarks/run-pipeline: about 4 times the records/s at 1 s, and a quarter of the
     * repartition records). One second matches the flush interval: alerts were never fresher than that.
     */
    static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofSeconds(1);
    private static final String PREFIX = "meshlens.";
    private static final String ENV_PREFIX = "MESHLENS_";
    private static final String ENV_KAFKA_PREFIX = "MESHLENS_KAFKA_";

    /** Settings from {@code file} (may be null) and {@code env}. */
    public static PipelineSettings load(Path file, Map<String, String> env) throws IOException {
        return from(readAll(file, env));
    }

    /** Every setting from {@code file} (may be null), overridden by {@code env}: pipeline, serving and Kafka. */
    public static Properties readAll(Path file, Map<String, String> env) throws IOException {
        Properties all = new Properties();
        if (file != null) {
            try (Reader reader = Files.newBufferedReader(file)) {
                all.load(reader);
            }
        }
        env.forEach((name, value) -> {
            if (name.startsWith(ENV_KAFKA_PREFIX)) {
                all.setProperty(name.substring(ENV_KAFKA_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            } else if (name.startsWith(ENV_PREFIX)) {
                all.setProperty(PREFIX + name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        return all;
    }

    public static PipelineSettings from(Properties all) {
        Properties kafka = new Properties();
        kafka.put(StreamsConfig.APPLICATION_ID_CONFIG, "meshlens");
        kafka.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        kafka.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        kafka.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(DEFAULT_COMMIT_INTERVAL.toMillis()));
        // Kafka Streams runs one stream thread unless told otherwise, and a thread is at most one core: parsing,
        // pre-aggregation and the merge of partials all run on it, so the app left the machine's other cores idle
        // (benchmarks/run-pipeline, 2 cores: 0.93 of them busy, where the plain consumer keeps 1.6 busy). One thread
        // per core, as an operator sizing the pod by its CPU expects. Threads beyond the input partitions get no
        // task and only wait.
        kafka.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(Runtime.getRuntime().availableProcessors()));
        for (String key : all.stringPropertyNames()) {
            if (!key.startsWith(PREFIX)) {
                kafka.put(key, all.getProperty(key));
            }
        }
        return new PipelineSettings(
                all.getProperty("meshlens.input.topic", DEFAULT_INPUT_TOPIC),
                all.getProperty("meshlens.dlq.topic", DEFAULT_DEAD_LETTER_TOPIC),
                all.getProperty("meshlens.alerts.topic", DEFAULT_ALERT_TOPIC),
                duration(all, "meshlens.window", "1m"),
                duration(all, "meshlens.grace", "30s"),
                duration(all, "meshlens.retention", "6h"),
                duration(all, "meshlens.flush.interval", "1s"),
                all.getProperty("meshlens.format", "auto"),
                Integer.parseInt(all.getProperty("meshlens.max.line.length", "1048576")),
                path(all, "meshlens.cause.rules"),
                path(all, "meshlens.alert.rules"),
                kafka);
    }

    public PipelineSettings {
        if (window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("meshlens.window must be positive: " + window);
        }
        if (retention.compareTo(window.plus(grace)) < 0) {
            throw new IllegalArgumentException("meshlens.retention must cover window plus grace");
        }
    }

    private static Duration duration(Properties all, String key, String fallback) {
        try {
            return Durations.parse(all.getProperty(key, fallback));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    private static Path path(Properties all, String key) {
        String value = all.getProperty(key);
        return value == null || value.isBlank() ? null : Path.of(value);
    }

    /** A copy with other Kafka settings layered on top (tests, the embedded demo). */
    public PipelineSettings withKafka(Map<String, ?> overrides) {
        Properties merged = new Properties();
        merged.putAll(kafka);
        merged.putAll(overrides);
        return new PipelineSettings(inputTopic, deadLetterTopic, alertTopic, window, grace, retention, flushInterval,
                format, maxLineLength, causeRules, alertRules, merged);
    }

    /** The Kafka settings with secrets masked, for logs. */
    public Properties kafkaForLogging() {
        Properties masked = new Properties();
        kafka.forEach((k, v) -> {
            String key = k.toString().toLowerCase(Locale.ROOT);
            boolean secret = key.contains("password") || key.contains("jaas") || key.contains("secret")
                    || key.contains("token") || key.endsWith(".key");
            masked.put(k, secret ? "[hidden]" : v);
        });
        return masked;
    }
}
