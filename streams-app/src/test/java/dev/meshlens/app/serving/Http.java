package dev.meshlens.app.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** Real HTTP calls to a running instance, as a client of the REST API makes them. */
public final class Http {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    /** The Authorization header every request carries, or null. */
    private final String authorization;

    public Http(int port) {
        this(port, null);
    }

    /** A client that sends {@code token} as its bearer token with every request. */
    public Http(int port, String token) {
        this.base = "http://127.0.0.1:" + port;
        this.authorization = token == null ? null : "Bearer " + token;
    }

    public String base() {
        return base;
    }

    /** One answer: status, headers, body text. */
    public record Response(String target, int status, HttpResponse<String> raw) {
        public String body() {
            return raw.body();
        }

        public Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }

        public JsonNode json() {
            try {
                return MAPPER.readTree(body());
            } catch (IOException e) {
                throw new AssertionError("GET " + target + " answered " + status + " with a body that is not JSON: "
                        + body(), e);
            }
        }

        /** The JSON body of a 200 answer (anything else fails with the answer in the message). */
        public JsonNode ok() {
            assertEquals(200, status, () -> "GET " + target + ": " + body());
            return json();
        }

        /** A 4xx/5xx answer as the API promises it: JSON with an error, no stack trace. */
        public JsonNode error(int expectedStatus) {
            assertEquals(expectedStatus, status, () -> "GET " + target + ": " + body());
            assertEquals("application/json", header("Content-Type").orElse("").split(";")[0],
                    () -> "GET " + target + " content type");
            JsonNode json = json();
            assertFalse(json.path("error").asText().isEmpty(), () -> "GET " + target + ": no error text in " + body());
            assertNoStackTrace(this);
            return json;
        }
    }

    public Response get(String pathAndQuery) {
        return send("GET", pathAndQuery);
    }

    /** {@code method} on {@code pathAndQuery} with this client's token and the headers given: name, value, ... */
    public Response send(String method, String pathAndQuery, String... headers) {
        URI uri = URI.create(base + pathAndQuery);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            HttpResponse<String> raw = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(pathAndQuery, raw.statusCode(), raw);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + uri, e);
        }
    }

    /** Fails when a body looks like a Java stack trace or names an exception class. */
    public static void assertNoStackTrace(Response response) {
        String body = response.body();
        if (body.contains("\tat ") || body.contains("at dev.meshlens") || body.contains("at org.")
                || body.contains("Exception") || body.contains(".java:")) {
            fail("GET " + response.target() + " leaks internals: " + body);
        }
    }
}
