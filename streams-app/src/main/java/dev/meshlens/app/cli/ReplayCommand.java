package dev.meshlens.app.cli;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.meshlens.app.pipeline.PipelineSettings;
import dev.meshlens.parser.io.LineReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meshlens replay}: a captured log, line by line, into the input topic as Fluent Bit records. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Produces captured access logs to a Kafka topic as Fluent Bit records.",
            "Any format the parser reads, at a given rate or as fast as possible, with progress on stderr;",
            "lines that already are Fluent Bit records (JSON with a log key) are sent as they are."})
public final class ReplayCommand implements Callable<Integer> {
    private static final long PROGRESS_NANOS = 2_000_000_000L;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties as for meshlens run (Kafka settings, meshlens.input.topic).")
    Path config;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Overrides bootstrap.servers.")
    String bootstrapServers;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "Overrides meshlens.input.topic (default istio-proxy-logs).")
    String topic;

    @Option(names = "--rate", paramLabel = "LINES_PER_SECOND", defaultValue = "0",
            description = "Lines per second; 0 (the default) is as fast as possible.")
    double rate;

    @Option(names = "--pod", paramLabel = "NAME", description = "Pod name for the kubernetes metadata and the record key.")
    String pod;

    @Option(names = "--namespace", paramLabel = "NAME", defaultValue = "default", description = "Namespace for the kubernetes metadata. Default: ${DEFAULT-VALUE}.")
    String namespace;

    @Option(names = "--app", paramLabel = "NAME", description = "The app label of the workload that wrote the lines.")
    String app;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to replay; - reads standard input.")
    List<String> files;

    @Override
    public Integer call() throws Exception {
        Properties all = PipelineSettings.readAll(config, System.getenv());
        if (bootstrapServers != null) {
            all.setProperty("bootstrap.servers", bootstrapServers);
        }
        PipelineSettings settings = PipelineSettings.from(all);
        String target = topic != null ? topic : settings.inputTopic();
        Properties producerConfig = new Properties();
        settings.kafka().forEach((k, v) -> {
            if (ProducerConfig.configNames().contains(k.toString()) || k.toString().startsWith("ssl.")
                    || k.toString().startsWith("sasl.") || k.toString().equals("security.protocol")) {
                producerConfig.put(k, v);
            }
        });
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        producerConfig.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        FluentBitRecords records = new FluentBitRecords(pod, namespace, app);
        AtomicLong acked = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long sent = 0;
        long started = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            Pacer pacer = new Pacer(rate, started);
            for (String file : files) {
                try (LineReader reader = file.equals("-") ? LineReader.stream(System.in, 16 << 20)
                        : LineReader.mapped(Path.of(file), 16 << 20)) {
                    long[] count = {0};
                    long[] lastReport = {started};
                    reader.forEachLine(new LineReader.Handler() {
                        @Override
                        public void line(byte[] buffer, int offset, int length, long lineNumber) {
                            if (length == 0 || failure.get() != null) {
                                return;
                            }
                            pacer.await(count[0]);
                            producer.send(new ProducerRecord<>(target, records.key(), records.wrap(buffer, offset, length)),
                                    (metadata, e) -> {
                                        if (e != null) {
                                            failure.compareAndSet(null, e);
                                        } else {
                                            acked.incrementAndGet();
                                        }
                                    });
                            count[0]++;
                            long now = System.nanoTime();
                            if (now - lastReport[0] > PROGRESS_NANOS) {
                                lastReport[0] = now;
                                System.err.printf(Locale.ROOT, "%s: %d lines sent, %d acknowledged, %.0f lines/s%n", file,
                                        count[0], acked.get(), count[0] / ((now - started) / 1e9));
                            }
                        }

                        @Override
                        public void overlongLine(long lineNumber, long length) {
                            System.err.println(file + ":" + lineNumber + ": skipped, " + length + " bytes is over 16 MiB");
                        }
                    });
                    sent += count[0];
                } catch (IOException e) {
                    System.err.println(file + ": cannot read: " + e.getMessage());
                    return 1;
                }
            }
            producer.flush();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (failure.get() != null) {
            System.err.println("meshlens replay: sending failed: " + failure.get().getMessage());
            return 1;
        }
        System.err.printf(Locale.ROOT, "meshlens replay: %d records to %s in %.1f s (%.0f/s), %d acknowledged%n", sent,
                target, seconds, sent / Math.max(seconds, 1e-9), acked.get());
        return 0;
    }

    /** Spaces sends evenly at the asked rate (no pacing for rate 0). */
    private record Pacer(double rate, long started) {
        void await(long alreadySent) {
            if (rate <= 0) {
                return;
            }
            long due = started + (long) (alreadySent / rate * 1e9);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(Duration.ofNanos(wait).toMillis(), (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Wraps a raw access line the way Fluent Bit's kafka output does. */
    static final class FluentBitRecords {
        private final byte[] key;
        private final String kubernetes;

        FluentBitRecords(String pod, String namespace, String app) {
            this.key = pod == null ? null : pod.getBytes(StandardCharsets.UTF_8);
            this.kubernetes = pod == null && app == null ? "" : ",\"kubernetes\":{\"namespace_name\":" + quote(namespace)
                    + (pod == null ? "" : ",\"pod_name\":" + quote(pod)) + ",\"container_name\":\"istio-proxy\""
                    + (app == null ? "" : ",\"labels\":{\"app\":" + quote(app) + "}") + "}";
        }

        byte[] key() {
            return key;
        }

        byte[] wrap(byte[] buffer, int offset, int length) {
            String line = new String(buffer, offset, length, StandardCharsets.UTF_8);
            if (line.startsWith("{") && line.contains("\"log\"")) {
                return line.getBytes(StandardCharsets.UTF_8);
            }
            long now = System.currentTimeMillis();
            return ("{\"@timestamp\":" + now / 1000 + "." + String.format(Locale.ROOT, "%03d", now % 1000)
                    + ",\"stream\":\"stdout\",\"_p\":\"F\",\"log\":" + quote(line) + kubernetes + "}")
                    .getBytes(StandardCharsets.UTF_8);
        }

        private static String quote(String text) {
            return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"';
        }
    }
}
