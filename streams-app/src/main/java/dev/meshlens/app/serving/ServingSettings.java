package dev.meshlens.app.serving;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Properties;

/**
 * Where the REST API and dashboard listen, and the address other instances use to reach this one (Kafka
 * Streams' {@code application.server}). Binds to 127.0.0.1 unless told otherwise.
 */
public record ServingSettings(String bindHost, int port, String advertisedHost) {

    public static ServingSettings from(Properties all) {
        String bind = all.getProperty("meshlens.http.host", "127.0.0.1");
        int port = Integer.parseInt(all.getProperty("meshlens.http.port", "8080"));
        String advertised = all.getProperty("meshlens.http.advertised.host");
        if (advertised == null || advertised.isBlank()) {
            advertised = bind.equals("0.0.0.0") ? localHostName() : bind;
        }
        return new ServingSettings(bind, port, advertised);
    }

    public ServingSettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("meshlens.http.port must be 0-65535: " + port);
        }
    }

    /** The value of Kafka Streams' {@code application.server} for this instance. */
    public String applicationServer() {
        return advertisedHost + ":" + port;
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
