package dev.meshlens.app.serving;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * Where the REST API and dashboard listen, and the address other instances use to reach this one (Kafka
 * Streams' {@code application.server}). Binds to 127.0.0.1 unless told otherwise. With a token (from
 * {@code meshlens.http.token.file} or {@code meshlens.http.token}) the API and {@code /metrics} ask for it;
 * without {@code meshlens.http.cors.origins} no other origin may call the API from a browser.
 */
public record ServingSettings(String bindHost, int port, String advertisedHost, ApiToken token,
        List<String> corsOrigins) {
    static final String TOKEN_FILE = "meshlens.http.token.file";
    static final String TOKEN = "meshlens.http.token";
    static final String CORS_ORIGINS = "meshlens.http.cors.origins";

    public static ServingSettings from(Properties all) {
        String bind = all.getProperty("meshlens.http.host", "127.0.0.1");
        int port = Integer.parseInt(all.getProperty("meshlens.http.port", "8080"));
        String advertised = all.getProperty("meshlens.http.advertised.host");
        if (advertised == null || advertised.isBlank()) {
            advertised = bind.equals("0.0.0.0") ? localHostName() : bind;
        }
        return new ServingSettings(bind, port, advertised, token(all), corsOrigins(all.getProperty(CORS_ORIGINS, "")));
    }

    public ServingSettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("meshlens.http.port must be 0-65535: " + port);
        }
        corsOrigins = List.copyOf(corsOrigins);
    }

    /** The same settings on {@code boundPort} (the real port once 0 asked for any). */
    public ServingSettings withPort(int boundPort) {
        return new ServingSettings(bindHost, boundPort, advertisedHost, token, corsOrigins);
    }

    /** The value of Kafka Streams' {@code application.server} for this instance. */
    public String applicationServer() {
        return advertisedHost + ":" + port;
    }

    private static ApiToken token(Properties all) {
        String file = all.getProperty(TOKEN_FILE, "");
        String value = all.getProperty(TOKEN, "");
        if (!file.isBlank() && !value.isBlank()) {
            throw new IllegalArgumentException("set " + TOKEN_FILE + " or " + TOKEN + ", not both");
        }
        if (!file.isBlank()) {
            try {
                // A Secret's file often ends with a newline that is no part of the token.
                return ApiToken.of(Files.readString(Path.of(file), StandardCharsets.UTF_8).strip(), TOKEN_FILE + " " + file);
            } catch (IOException e) {
                throw new IllegalArgumentException(TOKEN_FILE + ": cannot read " + file + " (" + e.getClass().getSimpleName()
                        + ")", e);
            }
        }
        return all.containsKey(TOKEN) ? ApiToken.of(value.strip(), TOKEN) : null;
    }

    /** Comma-separated origins ({@code https://grafana.example.com}); each a scheme and host, nothing more. */
    static List<String> corsOrigins(String text) {
        List<String> origins = Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        for (String origin : origins) {
            if (!isOrigin(origin)) {
                throw new IllegalArgumentException(CORS_ORIGINS + ": " + origin
                        + " is not an origin like https://host or http://host:port");
            }
        }
        return origins;
    }

    private static boolean isOrigin(String text) {
        try {
            URI uri = new URI(text);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getRawPath().isEmpty() && uri.getRawQuery() == null && uri.getRawFragment() == null
                    && uri.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
