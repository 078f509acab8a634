package dev.meshlens.app.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshlens.app.pipeline.PipelineSettings;
import dev.meshlens.app.serving.ServingSettings;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * What the app makes of settings, asked of the app itself: which {@code meshlens.*} keys it reads (recorded
 * while {@link PipelineSettings} and {@link ServingSettings} read an empty file), which Kafka keys exist, and
 * the settings a properties file plus environment variables amount to.
 */
final class AppSettings {
    private static final String PREFIX = "meshlens.";

    private AppSettings() {
    }

    /** The {@code meshlens.*} keys the app looks up. */
    static Set<String> meshlensKeys() {
        Set<String> asked = new TreeSet<>();
        Properties recording = new Properties() {
            @Override
            public String getProperty(String key) {
                asked.add(key);
                return super.getProperty(key);
            }

            @Override
            public String getProperty(String key, String defaultValue) {
                asked.add(key);
                return super.getProperty(key, defaultValue);
            }
        };
        PipelineSettings.from(recording);
        ServingSettings.from(recording);
        asked.removeIf(key -> !key.startsWith(PREFIX));
        assertTrue(asked.contains("meshlens.input.topic"), "recording the keys read found too few: " + asked);
        return asked;
    }

    /** Keys Kafka Streams or one of its clients knows: the rest of a {@code meshlens run} config. */
    static Set<String> kafkaKeys() {
        Set<String> keys = new HashSet<>(StreamsConfig.configDef().names());
        keys.addAll(ConsumerConfig.configNames());
        keys.addAll(ProducerConfig.configNames());
        keys.addAll(AdminClientConfig.configNames());
        return keys;
    }

    /** The settings (key and value) of {@code settings} that the app would not use: typos, or settings that do not exist. */
    static Map<String, String> unknown(Properties settings) {
        Set<String> meshlens = meshlensKeys();
        Set<String> kafka = kafkaKeys();
        Map<String, String> unknown = new TreeMap<>();
        for (String key : settings.stringPropertyNames()) {
            if (key.startsWith(PREFIX) ? !meshlens.contains(key) : !kafka.contains(key)) {
                unknown.put(key, settings.getProperty(key));
            }
        }
        return unknown;
    }

    /** The settings a properties file's text and environment variables amount to, read by {@code meshlens run}'s code. */
    static Properties read(String propertiesText, Map<String, String> env) {
        try {
            Path file = Files.createTempFile("meshlens-deploy", ".properties");
            try {
                Files.writeString(file, propertiesText);
                return PipelineSettings.readAll(file, env);
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Properties parse(String propertiesText) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(propertiesText));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
