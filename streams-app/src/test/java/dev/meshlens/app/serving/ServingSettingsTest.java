package dev.meshlens.app.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshlens.app.pipeline.PipelineSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServingSettingsTest {
    private static final String TOKEN = "tok-2b7c4e9f01";

    @TempDir
    Path dir;

    @Test
    void byDefaultLoopbackNoTokenNoOtherOrigin() throws IOException {
        ServingSettings settings = from(Map.of());
        assertEquals("127.0.0.1", settings.bindHost());
        assertEquals(8080, settings.port());
        assertNull(settings.token());
        assertEquals(List.of(), settings.corsOrigins());
    }

    @Test
    void theTokenComesFromAFileWithoutItsFinalNewline() throws IOException {
        Path file = Files.writeString(dir.resolve("token"), TOKEN + "\n");
        ServingSettings settings = from(Map.of("MESHLENS_HTTP_TOKEN_FILE", file.toString()));
        assertTrue(settings.token().accepts("Bearer " + TOKEN));
        assertFalse(settings.toString().contains(TOKEN), settings::toString);
    }

    @Test
    void orFromTheEnvironment() throws IOException {
        assertTrue(from(Map.of("MESHLENS_HTTP_TOKEN", TOKEN)).token().accepts("Bearer " + TOKEN));
    }

    @Test
    void anEmptyMissingOrDoubleTokenIsRefused() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertRefused(Map.of("MESHLENS_HTTP_TOKEN_FILE", empty.toString()), "meshlens.http.token.file " + empty
                + " is empty: the API token must not be");
        Path missing = dir.resolve("missing");
        assertRefused(Map.of("MESHLENS_HTTP_TOKEN_FILE", missing.toString()),
                "meshlens.http.token.file: cannot read " + missing + " (NoSuchFileException)");
        assertRefused(Map.of("MESHLENS_HTTP_TOKEN", ""), "meshlens.http.token is empty: the API token must not be");
        Path file = Files.writeString(dir.resolve("token"), TOKEN);
        assertRefused(Map.of("MESHLENS_HTTP_TOKEN", TOKEN, "MESHLENS_HTTP_TOKEN_FILE", file.toString()),
                "set meshlens.http.token.file or meshlens.http.token, not both");
    }

    @Test
    void corsOriginsAreAListOfOrigins() throws IOException {
        assertEquals(List.of("https://grafana.example.com", "http://localhost:3000"),
                from(Map.of("MESHLENS_HTTP_CORS_ORIGINS", " https://grafana.example.com, http://localhost:3000 "))
                        .corsOrigins());
        for (String bad : List.of("*", "grafana.example.com", "https://grafana.example.com/dashboards",
                "ftp://files.example.com", "https://user@grafana.example.com")) {
            assertRefused(Map.of("MESHLENS_HTTP_CORS_ORIGINS", bad), "meshlens.http.cors.origins: " + bad
                    + " is not an origin like https://host or http://host:port");
        }
    }

    private void assertRefused(Map<String, String> env, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> from(env));
        assertEquals(message, e.getMessage());
    }

    private static ServingSettings from(Map<String, String> env) throws IOException {
        Properties all = PipelineSettings.readAll(null, env);
        return ServingSettings.from(all);
    }
}
