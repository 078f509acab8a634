package dev.meshlens.app.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineSettingsTest {
    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"meshlens\" password=\"s3cr3t-from-env\";";

    @TempDir
    Path dir;

    @Test
    void defaults() throws IOException {
        PipelineSettings settings = PipelineSettings.load(null, Map.of());

        assertEquals("istio-proxy-logs", settings.inputTopic());
        assertEquals("meshlens.dlq", settings.deadLetterTopic());
        assertEquals("meshlens.alerts", settings.alertTopic());
        assertEquals(Duration.ofMinutes(1), settings.window());
        assertEquals(Duration.ofSeconds(30), settings.grace());
        assertEquals(Duration.ofHours(6), settings.retention());
        assertEquals(Duration.ofSeconds(1), settings.flushInterval());
        assertEquals("auto", settings.format());
        assertEquals(1 << 20, settings.maxLineLength());
        assertNull(settings.causeRules());
        assertNull(settings.alertRules());
        assertEquals(StreamsConfig.EXACTLY_ONCE_V2, settings.kafka().get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        assertEquals("meshlens", settings.kafka().get(StreamsConfig.APPLICATION_ID_CONFIG));
        assertEquals("localhost:9092", settings.kafka().get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
        assertEquals("1000", settings.kafka().get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG));
        assertEquals(Integer.toString(Runtime.getRuntime().availableProcessors()),
                settings.kafka().get(StreamsConfig.NUM_STREAM_THREADS_CONFIG));
    }

    @Test
    void anExplicitStreamThreadCountWinsOverOnePerCore() throws IOException {
        Path file = dir.resolve("threads.properties");
        Files.writeString(file, "num.stream.threads=3\n");

        assertEquals("3", PipelineSettings.load(file, Map.of()).kafka().get(StreamsConfig.NUM_STREAM_THREADS_CONFIG));
        assertEquals("1", PipelineSettings.load(file, Map.of("MESHLENS_KAFKA_NUM_STREAM_THREADS", "1")).kafka()
                .get(StreamsConfig.NUM_STREAM_THREADS_CONFIG));
    }

    @Test
    void aPropertiesFileSetsMeshLensAndPassesEveryOtherKeyToKafkaAsIs() throws IOException {
        Path file = dir.resolve("meshlens.properties");
        Files.writeString(file, String.join("\n",
                "meshlens.input.topic=mesh-logs",
                "meshlens.dlq.topic=mesh-dlq",
                "meshlens.alerts.topic=mesh-alerts",
                "meshlens.window=5m",
                "meshlens.grace=45s",
                "meshlens.retention=2h",
                "meshlens.flush.interval=250ms",
                "meshlens.format=istio",
                "meshlens.max.line.length=65536",
                "meshlens.cause.rules=/etc/meshlens/causes.json",
                "meshlens.alert.rules=/etc/meshlens/alert-rules.json",
                "bootstrap.servers=kafka-0.kafka:9093,kafka-1.kafka:9093",
                "security.protocol=SASL_SSL",
                "sasl.mechanism=SCRAM-SHA-512",
                "ssl.truststore.location=/etc/kafka/truststore.p12",
                "ssl.truststore.password=trust-me",
                "ssl.keystore.location=/etc/kafka/keystore.p12",
                "ssl.keystore.password=keep-me",
                "ssl.key.password=unlock-me",
                "processing.guarantee=at_least_once",
                "commit.interval.ms=250",
                ""));

        PipelineSettings settings = PipelineSettings.load(file, Map.of());

        assertEquals("mesh-logs", settings.inputTopic());
        assertEquals("mesh-dlq", settings.deadLetterTopic());
        assertEquals("mesh-alerts", settings.alertTopic());
        assertEquals(Duration.ofMinutes(5), settings.window());
        assertEquals(Duration.ofSeconds(45), settings.grace());
        assertEquals(Duration.ofHours(2), settings.retention());
        assertEquals(Duration.ofMillis(250), settings.flushInterval());
        assertEquals("istio", settings.format());
        assertEquals(65536, settings.maxLineLength());
        assertEquals(Path.of("/etc/meshlens/causes.json"), settings.causeRules());
        assertEquals(Path.of("/etc/meshlens/alert-rules.json"), settings.alertRules());
        Properties kafka = settings.kafka();
        assertEquals("kafka-0.kafka:9093,kafka-1.kafka:9093", kafka.get("bootstrap.servers"));
        assertEquals("SASL_SSL", kafka.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", kafka.get("sasl.mechanism"));
        assertEquals("/etc/kafka/truststore.p12", kafka.get("ssl.truststore.location"));
        assertEquals("trust-me", kafka.get("ssl.truststore.password"));
        assertEquals("/etc/kafka/keystore.p12", kafka.get("ssl.keystore.location"));
        assertEquals("keep-me", kafka.get("ssl.keystore.password"));
        assertEquals("unlock-me", kafka.get("ssl.key.password"));
        assertEquals("at_least_once", kafka.get("processing.guarantee"));
        assertEquals("250", kafka.get("commit.interval.ms"));
        assertFalse(kafka.stringPropertyNames().stream().anyMatch(key -> key.startsWith("meshlens.")),
                "MeshLens's own keys are not Kafka's: " + kafka);
    }

    @Test
    void theEnvironmentOverridesTheFile() throws IOException {
        Path file = dir.resolve("meshlens.properties");
        Files.writeString(file, "meshlens.window=5m\nbootstrap.servers=from-file:9092\nsasl.jaas.config=from-file\n");

        PipelineSettings settings = PipelineSettings.load(file, Map.of(
                "MESHLENS_WINDOW", "2m",
                "MESHLENS_INPUT_TOPIC", "env-logs",
                "MESHLENS_KAFKA_BOOTSTRAP_SERVERS", "broker:9093",
                "MESHLENS_KAFKA_SASL_JAAS_CONFIG", JAAS,
                "MESHLENS_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "PATH", "/usr/bin",
                "KAFKA_HEAP_OPTS", "-Xmx1g"));

        assertEquals(Duration.ofMinutes(2), settings.window());
        assertEquals("env-logs", settings.inputTopic());
        assertEquals("broker:9093", settings.kafka().get("bootstrap.servers"));
        assertEquals(JAAS, settings.kafka().get("sasl.jaas.config"));
        assertEquals("SASL_SSL", settings.kafka().get("security.protocol"));
        assertFalse(settings.kafka().containsKey("path"), settings.kafka().toString());
        assertFalse(settings.kafka().containsKey("heap.opts"), settings.kafka().toString());
    }

    @Test
    void secretsAreHiddenFromTheLogsButNothingElse() throws IOException {
        PipelineSettings settings = PipelineSettings.load(null, Map.of(
                "MESHLENS_KAFKA_BOOTSTRAP_SERVERS", "broker:9093",
                "MESHLENS_KAFKA_SASL_JAAS_CONFIG", JAAS,
                "MESHLENS_KAFKA_SSL_KEYSTORE_PASSWORD", "keep-me",
                "MESHLENS_KAFKA_SSL_KEY_PASSWORD", "unlock-me",
                "MESHLENS_KAFKA_SSL_KEYSTORE_KEY", "-----BEGIN ENCRYPTED PRIVATE KEY-----",
                "MESHLENS_KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/kafka/truststore.p12"));

        Properties logged = settings.kafkaForLogging();

        assertEquals(settings.kafka().keySet(), logged.keySet());
        assertEquals("[hidden]", logged.get("sasl.jaas.config"));
        assertEquals("[hidden]", logged.get("ssl.keystore.password"));
        assertEquals("[hidden]", logged.get("ssl.key.password"));
        assertEquals("[hidden]", logged.get("ssl.keystore.key"));
        assertEquals("broker:9093", logged.get("bootstrap.servers"));
        assertEquals("/etc/kafka/truststore.p12", logged.get("ssl.truststore.location"));
        assertFalse(logged.toString().contains("s3cr3t-from-env"));
        assertEquals(JAAS, settings.kafka().get("sasl.jaas.config"), "the secret itself still reaches Kafka");
    }

    @Test
    void badValuesAreRefusedWithTheKeyThatHasThem() {
        IllegalArgumentException badWindow = assertThrows(IllegalArgumentException.class,
                () -> PipelineSettings.load(null, Map.of("MESHLENS_WINDOW", "five minutes")));
        assertTrue(badWindow.getMessage().startsWith("meshlens.window"), badWindow.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> PipelineSettings.load(null, Map.of("MESHLENS_WINDOW", "0s")));
        assertThrows(IllegalArgumentException.class,
                () -> PipelineSettings.load(null, Map.of("MESHLENS_WINDOW", "2h", "MESHLENS_RETENTION", "1h")));
    }
}
