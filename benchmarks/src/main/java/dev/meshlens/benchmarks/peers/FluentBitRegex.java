package dev.meshlens.benchmarks.peers;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fluent Bit's {@code istio-envoy-proxy} parser on {@code java.util.regex}: the regex of Fluent Bit's
 * {@code conf/parsers.conf} (added by fluent/fluent-bit#5739), compiled once, its matcher reset per line.
 */
public final class FluentBitRegex {
    /**
     * The upstream regex with one change: group names lose their underscores ({@code response_code} becomes
     * {@code responseCode}), which {@code java.util.regex} does not allow. Its quirks stay: {@code authority}
     * captures the opening quote, and the unquoted failure reason cannot hold a space.
     */
    static final String ISTIO_ENVOY_PROXY = "^\\[(?<startTime>[^\\]]*)\\] \"(?<method>\\S+)(?: +(?<path>[^\\\"]*?)"
            + "(?: +\\S*)?)? (?<protocol>\\S+)\" (?<responseCode>[^ ]*) (?<responseFlags>[^ ]*) "
            + "(?<responseCodeDetails>[^ ]*) (?<connectionTerminationDetails>[^ ]*) "
            + "(?<upstreamTransportFailureReason>[^ ]*) (?<bytesReceived>[^ ]*) (?<bytesSent>[^ ]*) "
            + "(?<duration>[^ ]*) (?<xEnvoyUpstreamServiceTime>[^ ]*) \"(?<xForwardedFor>[^ ]*)\" "
            + "\"(?<userAgent>[^\\\"]*)\" \"(?<xRequestId>[^\\\"]*)\" (?<authority>[^ ]*)\" \"(?<upstreamHost>[^ ]*)\" "
            + "(?<upstreamCluster>[^ ]*) (?<upstreamLocalAddress>[^ ]*) (?<downstreamLocalAddress>[^ ]*) "
            + "(?<downstreamRemoteAddress>[^ ]*) (?<requestedServerName>[^ ]*) (?<routeName>[^  ]*)";

    private final Matcher matcher = Pattern.compile(ISTIO_ENVOY_PROXY).matcher("");

    /** Matches one access line and fills {@code out}; false when the regex does not match. */
    public boolean extract(CharSequence line, ExtractedFields out) {
        out.clear();
        if (!matcher.reset(line).find()) {
            return false;
        }
        out.access((int) ExtractedFields.number(matcher.group("responseCode")),
                ExtractedFields.text(matcher.group("responseFlags")),
                ExtractedFields.number(matcher.group("duration")),
                ExtractedFields.text(matcher.group("upstreamCluster")));
        return true;
    }
}
