package dev.meshlens.benchmarks.corpus;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Istio 1.9+'s default text access-log line (also 1.23+, which differs only in how the cluster is named). */
public final class IstioTextLine {
    /** Envoy's default {@code %START_TIME%}: UTC, always three fraction digits. */
    static final DateTimeFormatter START_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private IstioTextLine() {
    }

    public static String render(Request r) {
        StringBuilder line = new StringBuilder(512);
        line.append('[').append(START_TIME.format(Instant.ofEpochMilli(r.startMillis()))).append("] \"")
                .append(r.method()).append(' ').append(r.path()).append(' ').append(r.protocol()).append("\" ")
                .append(r.responseCode()).append(' ');
        word(line, r.responseFlags());
        word(line, r.responseCodeDetails());
        word(line, r.connectionTerminationDetails());
        quoted(line, r.upstreamTransportFailureReason());
        line.append(r.bytesReceived()).append(' ').append(r.bytesSent()).append(' ').append(r.duration()).append(' ');
        word(line, r.upstreamServiceTime() < 0 ? null : Long.toString(r.upstreamServiceTime()));
        quoted(line, r.forwardedFor());
        quoted(line, r.userAgent());
        quoted(line, r.requestId());
        quoted(line, r.authority());
        quoted(line, r.upstreamHost());
        word(line, r.upstreamCluster());
        word(line, r.upstreamLocalAddress());
        word(line, r.downstreamLocalAddress());
        word(line, r.downstreamRemoteAddress());
        word(line, r.requestedServerName());
        line.append(r.routeName() == null ? "-" : r.routeName());
        return line.toString();
    }

    private static void word(StringBuilder line, String value) {
        line.append(value == null ? "-" : value).append(' ');
    }

    private static void quoted(StringBuilder line, String value) {
        line.append('"').append(value == null ? "-" : value).append("\" ");
    }
}
