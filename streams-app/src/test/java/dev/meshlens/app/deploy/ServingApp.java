package dev.meshlens.app.deploy;

import dev.meshlens.app.pipeline.MeshLensApp;
import dev.meshlens.app.pipeline.PipelineSettings;
import dev.meshlens.app.serving.ServingSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Properties;

/**
 * {@code meshlens run}'s instance as it is before it reaches Kafka: HTTP server, routes, metrics registry and
 * the Kafka Streams client built but not started (the broker address refuses connections). Enough to ask
 * which routes exist and which metrics {@code /metrics} exposes.
 */
final class ServingApp implements AutoCloseable {
    private final MeshLensApp app;
    private final HttpClient http = HttpClient.newHttpClient();

    ServingApp(Path stateDir) throws IOException {
        Properties settings = new Properties();
        settings.setProperty("bootstrap.servers", "127.0.0.1:1");
        settings.setProperty("state.dir", stateDir.toString());
        // Fewer "connection refused" warnings while it is up.
        settings.setProperty("reconnect.backoff.ms", "10000");
        settings.setProperty("reconnect.backoff.max.ms", "10000");
        settings.setProperty("meshlens.http.port", "0");
        app = MeshLensApp.withServing(PipelineSettings.from(settings), ServingSettings.from(settings));
    }

    HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        app.close();
    }
}
