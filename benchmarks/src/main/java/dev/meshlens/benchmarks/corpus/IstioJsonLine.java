package dev.meshlens.benchmarks.corpus;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * Istio's JSON access-log encoding ({@code accessLogEncoding: JSON}) as Istio 1.9.5+ writes it: numbers as
 * numbers, {@code null} for absent values, keys in the order of Istio's format definition.
 */
public final class IstioJsonLine {
    private static final JsonFactory JSON = new JsonFactory();

    private IstioJsonLine() {
    }

    public static String render(Request r) {
        StringWriter text = new StringWriter(1024);
        try (JsonGenerator out = JSON.createGenerator(text)) {
            out.writeStartObject();
            out.writeStringField("start_time", IstioTextLine.START_TIME.format(Instant.ofEpochMilli(r.startMillis())));
            out.writeStringField("route_name", r.routeName());
            out.writeStringField("method", r.method());
            out.writeStringField("path", r.path());
            out.writeStringField("protocol", r.protocol());
            out.writeNumberField("response_code", r.responseCode());
            out.writeStringField("response_flags", r.responseFlags());
            out.writeStringField("response_code_details", r.responseCodeDetails());
            out.writeStringField("connection_termination_details", r.connectionTerminationDetails());
            out.writeNumberField("bytes_received", r.bytesReceived());
            out.writeNumberField("bytes_sent", r.bytesSent());
            out.writeNumberField("duration", r.duration());
            // A response header, so a string even in typed JSON.
            out.writeStringField("upstream_service_time",
                    r.upstreamServiceTime() < 0 ? null : Long.toString(r.upstreamServiceTime()));
            out.writeStringField("x_forwarded_for", r.forwardedFor());
            out.writeStringField("user_agent", r.userAgent());
            out.writeStringField("request_id", r.requestId());
            out.writeStringField("authority", r.authority());
            out.writeStringField("upstream_host", r.upstreamHost());
            out.writeStringField("upstream_cluster", r.upstreamCluster());
            out.writeStringField("upstream_local_address", r.upstreamLocalAddress());
            out.writeStringField("downstream_local_address", r.downstreamLocalAddress());
            out.writeStringField("downstream_remote_address", r.downstreamRemoteAddress());
            out.writeStringField("requested_server_name", r.requestedServerName());
            out.writeStringField("upstream_transport_failure_reason", r.upstreamTransportFailureReason());
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
