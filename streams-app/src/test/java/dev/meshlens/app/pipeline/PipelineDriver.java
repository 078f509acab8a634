package dev.meshlens.app.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshlens.app.alerts.Alert;
import dev.meshlens.app.alerts.AlertRules;
import dev.meshlens.app.alerts.JsonSerde;
import dev.meshlens.diagnosis.CauseRules;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The whole topology on a {@link TopologyTestDriver}, with the topics and stores the tests read. Note that the
 * driver commits after every input record, so each record's partial reaches the repartition topic at once.
 */
public final class PipelineDriver implements AutoCloseable {
    public static final String APPLICATION_ID = "meshlens-test";

    private final PipelineSettings settings;
    private final Path stateDirectory;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TopologyTestDriver driver;
    private final TestInputTopic<byte[], byte[]> input;
    private final TestOutputTopic<byte[], byte[]> deadLetters;
    private final TestOutputTopic<String, byte[]> alerts;
    private final TestOutputTopic<String, ServiceWindow> partials;

    private PipelineDriver(PipelineSettings settings, Path stateDirectory, CauseRules causeRules,
            AlertRules alertRules) {
        this.settings = settings;
        this.stateDirectory = stateDirectory;
        this.driver = new TopologyTestDriver(MeshLensTopology.build(settings, causeRules, alertRules, registry),
                settings.kafka());
        input = driver.createInputTopic(settings.inputTopic(), new ByteArraySerializer(), new ByteArraySerializer());
        deadLetters = driver.createOutputTopic(settings.deadLetterTopic(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        alerts = driver.createOutputTopic(settings.alertTopic(), new StringDeserializer(), new ByteArrayDeserializer());
        partials = driver.createOutputTopic(repartitionTopic(), new StringDeserializer(),
                new ServiceWindowSerde().deserializer());
    }

    /** The pipeline with its defaults and the built-in rules. */
    public static PipelineDriver start() {
        return start(new Properties());
    }

    /** The pipeline with {@code overrides} ({@code meshlens.*} and Kafka keys) and the built-in rules. */
    public static PipelineDriver start(Properties overrides) {
        return start(overrides, CauseRules.builtIn(), AlertRules.builtIn());
    }

    /** The pipeline with {@code overrides}, and the rule files they name, read as {@code MeshLensApp} reads them. */
    public static PipelineDriver startWithRuleFiles(Properties overrides) throws IOException {
        PipelineSettings named = PipelineSettings.from(overrides);
        CauseRules causes = named.causeRules() == null ? CauseRules.builtIn() : CauseRules.fromFile(named.causeRules());
        AlertRules alerts = named.alertRules() == null ? AlertRules.builtIn() : AlertRules.fromFile(named.alertRules());
        return start(overrides, causes, alerts);
    }

    public static PipelineDriver start(Properties overrides, CauseRules causeRules, AlertRules alertRules) {
        Path stateDirectory;
        try {
            stateDirectory = Files.createTempDirectory("meshlens-topology-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties all = new Properties();
        all.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        all.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        all.put(StreamsConfig.STATE_DIR_CONFIG, stateDirectory.toString());
        all.putAll(overrides);
        return new PipelineDriver(PipelineSettings.from(all), stateDirectory, causeRules, alertRules);
    }

    public static String repartitionTopic() {
        return APPLICATION_ID + "-" + MeshLensTopology.REPARTITION_NAME + "-repartition";
    }

    public PipelineSettings settings() {
        return settings;
    }

    public TopologyTestDriver driver() {
        return driver;
    }

    public SimpleMeterRegistry registry() {
        return registry;
    }

    /** Pipes one record with a null key and no headers, {@code recordTime} being its Kafka timestamp. */
    public void pipe(String value, Instant recordTime) {
        pipe(null, LogRecords.utf8(value), new RecordHeaders(), recordTime);
    }

    /** Pipes {@code line} as Fluent Bit sends it from {@code pod}, read and sent at the line's own START_TIME. */
    public void pipe(LogRecords.AccessLine line, LogRecords.Pod pod) {
        pipe(LogRecords.fluentBit(line.text(), line.start(), pod), line.start());
    }

    public void pipe(byte[] key, byte[] value, Headers headers, Instant recordTime) {
        input.pipeInput(new TestRecord<>(key, value, headers, recordTime));
    }

    /** The merged window of {@code service} that starts at {@code windowStart}, or null. */
    public ServiceWindow window(String service, Instant windowStart) {
        ValueAndTimestamp<ServiceWindow> stored = storedWindow(service, windowStart);
        return stored == null ? null : stored.value();
    }

    public ValueAndTimestamp<ServiceWindow> storedWindow(String service, Instant windowStart) {
        WindowStore<String, ValueAndTimestamp<ServiceWindow>> store =
                driver.getTimestampedWindowStore(MeshLensTopology.SERVICE_WINDOWS_STORE);
        return store.fetch(service, windowStart.toEpochMilli());
    }

    public List<TestRecord<byte[], byte[]>> readDeadLetters() {
        return deadLetters.readRecordsToList();
    }

    /** Everything written to the repartition topic since the last read: the per-commit partials. */
    public List<TestRecord<String, ServiceWindow>> readPartials() {
        return partials.readRecordsToList();
    }

    /** Everything written to the alert topic since the last read, as the {@link Alert} and as raw JSON. */
    public List<AlertRecord> readAlerts() {
        JsonSerde<Alert> serde = new JsonSerde<>(Alert.class);
        return alerts.readRecordsToList().stream().map(r -> new AlertRecord(r.key(),
                serde.deserializer().deserialize(settings.alertTopic(), r.value()), tree(r.value()),
                r.getRecordTime())).toList();
    }

    private static JsonNode tree(byte[] json) {
        try {
            return JsonSerde.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One record of the alert topic. */
    public record AlertRecord(String key, Alert alert, JsonNode json, Instant time) {
    }

    /** A MeshLens counter's value ({@code meshlens.records.in}, ...), summed over its tags. */
    public double count(String counter) {
        return registry.find(counter).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    public double rejected(String reason) {
        return registry.get("meshlens.records.rejected").tag("reason", reason).counter().count();
    }

    /** Kafka Streams' own count of records it dropped (expired windows, among others). */
    public double droppedRecords() {
        return driver.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals("dropped-records-total")
                        && e.getKey().group().equals("stream-task-metrics"))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).sum();
    }

    public void advanceWallClockTime(Duration duration) {
        driver.advanceWallClockTime(duration);
    }

    @Override
    public void close() {
        driver.close();
        try (Stream<Path> files = Files.walk(stateDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
