package dev.meshlens.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshlens.app.serving.Await;
import dev.meshlens.app.serving.Http;
import dev.meshlens.app.serving.KafkaBroker;
import dev.meshlens.app.serving.TestApps;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code meshlens run} from the packaged jar, as a separate process against a real broker, with SASL and TLS
 * secrets in its properties file and its environment and an API token: everything it prints from start to
 * stop, its own lines and the Kafka clients' configuration dumps (Kafka logged at INFO, more than by default),
 * is searched for each secret. The SASL and TLS settings reach every Kafka client (their dumps show them, the
 * secrets as [hidden]). The broker speaks
 * PLAINTEXT, so the clients never use them: what is checked is what is logged, and that the settings get there.
 */
class SecretsNotLoggedIT {
    private static final Path JAR = Path.of(System.getProperty("meshlens.jar"));
    private static final String JAAS_PASSWORD = "jaas-pw-5d1e7c";
    private static final String KEYSTORE_PASSWORD = "keystore-pw-93ab0f";
    private static final String KEY_PASSWORD = "key-pw-0c77e2";
    private static final String TRUSTSTORE_PASSWORD = "truststore-pw-4f18d6";
    private static final String TOKEN = "api-token-b8e2f41a9c";
    private static final String WRONG_TOKEN = "guessed-token-61d0aa";
    private static final List<String> SECRETS = List.of(JAAS_PASSWORD, KEYSTORE_PASSWORD, KEY_PASSWORD,
            TRUSTSTORE_PASSWORD, TOKEN, WRONG_TOKEN);
    private static final List<String> CLIENT_DUMPS = List.of("ConsumerConfig", "ProducerConfig", "AdminClientConfig");

    @RegisterExtension
    static final KafkaBroker KAFKA = new KafkaBroker();

    @TempDir
    Path dir;

    @Test
    void noSecretIsPrintedAndTheTlsAndSaslSettingsReachEveryKafkaClient() throws Exception {
        TestApps.createTopics(KAFKA, 1);
        int port = freePort();
        Path config = dir.resolve("meshlens.properties");
        Files.writeString(config, String.join("\n",
                "bootstrap.servers=" + KAFKA.bootstrapServers(),
                "application.id=meshlens-secrets-it",
                "state.dir=" + dir.resolve("state"),
                "sasl.mechanism=SCRAM-SHA-512",
                "ssl.keystore.password=" + KEYSTORE_PASSWORD,
                "ssl.key.password=" + KEY_PASSWORD,
                "meshlens.http.port=" + port,
                ""));
        Map<String, String> env = Map.of(
                "MESHLENS_KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"meshlens\" password=\"" + JAAS_PASSWORD + "\";",
                "MESHLENS_KAFKA_SSL_TRUSTSTORE_PASSWORD", TRUSTSTORE_PASSWORD,
                "MESHLENS_HTTP_TOKEN", TOKEN);

        ProcessBuilder builder = new ProcessBuilder(Processes.java().toString(),
                "-Dorg.slf4j.simpleLogger.log.org.apache.kafka=info", "-jar", JAR.toString(), "run",
                "--config", config.toString()).directory(dir.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> text(process.getInputStream()));
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> text(process.getErrorStream()));
        try {
            Http http = new Http(port, TOKEN);
            Await.until(Duration.ofSeconds(120), "meshlens run to be ready", () -> http.get("/ready").status(),
                    status -> status == 200);
            assertEquals(200, http.get("/api/v1/services").status());
            assertEquals(401, new Http(port, WRONG_TOKEN).get("/api/v1/services").status());
        } finally {
            // SIGTERM: the shutdown hook closes the pipeline, which logs on its way out too. Through the handle, as
            // Process.destroy would also close the pipes before what is left in them is read.
            process.toHandle().destroy();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
            }
        }
        String printed = stdout.join() + stderr.join();

        for (String secret : SECRETS) {
            assertFalse(printed.contains(secret), () -> "printed " + secret + ":\n" + around(printed, secret));
        }
        assertTrue(printed.contains("sasl.jaas.config=[hidden]"), "MeshLens's own settings line shows the key, hidden");
        for (String client : CLIENT_DUMPS) {
            String dump = dump(printed, client);
            assertTrue(dump.contains("sasl.mechanism = SCRAM-SHA-512"), () -> client + ":\n" + dump);
            for (String key : List.of("sasl.jaas.config", "ssl.keystore.password", "ssl.key.password",
                    "ssl.truststore.password")) {
                assertTrue(dump.contains(key + " = [hidden]"), () -> client + " has no hidden " + key + ":\n" + dump);
            }
        }
    }

    /** The first configuration dump of a Kafka client ({@code ConsumerConfig values: ...}), up to its end. */
    private static String dump(String printed, String client) {
        Matcher m = Pattern.compile(client + " values: \\R((?:\\t.*\\R)+)").matcher(printed);
        assertTrue(m.find(), () -> "no " + client + " dump in:\n" + printed);
        return m.group(1);
    }

    private static String around(String text, String secret) {
        int at = text.indexOf(secret);
        return text.substring(Math.max(0, at - 300), Math.min(text.length(), at + 300));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String text(InputStream in) {
        return new String(Processes.readAll(in), StandardCharsets.UTF_8);
    }
}
