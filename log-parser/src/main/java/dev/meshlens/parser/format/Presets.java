package dev.meshlens.parser.format;

import java.util.List;

/**
 * Envoy's and Istio's default access-log formats, by version, as plain format strings (sources in
 * {@code reference/envoy-formats.md}: Envoy's usage.rst, Istio's listener.go / accesslog.go /
 * telemetry_logging.go). Auto-detection tries them in {@link #AUTO} order: most fields first, so a longer
 * format is never mistaken for a shorter one.
 */
public final class Presets {
    private Presets() {
    }

    private static final String REQUEST =
            "[%START_TIME%] \"%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%\" %RESPONSE_CODE% %RESPONSE_FLAGS% ";
    private static final String SIZES_AND_HEADERS = "%BYTES_RECEIVED% %BYTES_SENT% %DURATION% "
            + "%RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% \"%REQ(X-FORWARDED-FOR)%\" \"%REQ(USER-AGENT)%\" "
            + "\"%REQ(X-REQUEST-ID)%\" \"%REQ(:AUTHORITY)%\" \"%UPSTREAM_HOST%\"";
    private static final String ADDRESSES = " %UPSTREAM_CLUSTER% %UPSTREAM_LOCAL_ADDRESS% "
            + "%DOWNSTREAM_LOCAL_ADDRESS% %DOWNSTREAM_REMOTE_ADDRESS% %REQUESTED_SERVER_NAME%";
    private static final String MIXER = "\"%DYNAMIC_METADATA(istio.mixer:status)%\" ";
    private static final String FAILURE_REASON = "\"%UPSTREAM_TRANSPORT_FAILURE_REASON%\" ";

    /** Envoy's default format. */
    public static final String ENVOY = REQUEST + SIZES_AND_HEADERS + "\n";
    /** Envoy's default with {@code %RESPONSE_CODE_DETAILS%} after the flags, a common customisation. */
    public static final String ENVOY_DETAILS = REQUEST + "%RESPONSE_CODE_DETAILS% " + SIZES_AND_HEADERS + "\n";
    /** Istio 1.0: Envoy's default plus the cluster and addresses. */
    public static final String ISTIO_1_0 = REQUEST + SIZES_AND_HEADERS + ADDRESSES + "\n";
    /** Istio 1.1: with the Mixer policy status. */
    public static final String ISTIO_1_1 = REQUEST + MIXER + SIZES_AND_HEADERS + ADDRESSES + "\n";
    /** Istio 1.2: adds the upstream transport failure reason. */
    public static final String ISTIO_1_2 = REQUEST + MIXER + FAILURE_REASON + SIZES_AND_HEADERS + ADDRESSES + "\n";
    /** Istio 1.3 to 1.8: adds the route name. */
    public static final String ISTIO_1_3 = REQUEST + MIXER + FAILURE_REASON + SIZES_AND_HEADERS + ADDRESSES
            + " %ROUTE_NAME%\n";
    /** Istio 1.9 to 1.22: response code details and connection termination details replace Mixer. */
    public static final String ISTIO_1_9 = REQUEST + "%RESPONSE_CODE_DETAILS% %CONNECTION_TERMINATION_DETAILS% "
            + FAILURE_REASON + SIZES_AND_HEADERS + ADDRESSES + " %ROUTE_NAME%\n";
    /** Istio 1.23+: the raw cluster name (no {@code alt_stat_name}). Reads the same as 1.9. */
    public static final String ISTIO_1_23 = ISTIO_1_9.replace("%UPSTREAM_CLUSTER%", "%UPSTREAM_CLUSTER_RAW%");

    public static final LogFormat ENVOY_FORMAT = LogFormat.compile("envoy", ENVOY);
    public static final LogFormat ENVOY_DETAILS_FORMAT = LogFormat.compile("envoy-details", ENVOY_DETAILS);
    public static final LogFormat ISTIO_1_0_FORMAT = LogFormat.compile("istio-1.0", ISTIO_1_0);
    public static final LogFormat ISTIO_1_1_FORMAT = LogFormat.compile("istio-1.1", ISTIO_1_1);
    public static final LogFormat ISTIO_1_2_FORMAT = LogFormat.compile("istio-1.2", ISTIO_1_2);
    public static final LogFormat ISTIO_1_3_FORMAT = LogFormat.compile("istio-1.3", ISTIO_1_3);
    public static final LogFormat ISTIO_1_9_FORMAT = LogFormat.compile("istio-1.9", ISTIO_1_9);

    /** Every text preset, in detection order. */
    public static final List<LogFormat> AUTO = List.of(ISTIO_1_9_FORMAT, ISTIO_1_3_FORMAT, ISTIO_1_2_FORMAT,
            ISTIO_1_1_FORMAT, ISTIO_1_0_FORMAT, ENVOY_DETAILS_FORMAT, ENVOY_FORMAT);
    /** The Mixer-era Istio formats (1.1 to 1.8). */
    public static final List<LogFormat> ISTIO_MIXER = List.of(ISTIO_1_3_FORMAT, ISTIO_1_2_FORMAT, ISTIO_1_1_FORMAT);

    /** The text preset with this name ({@code envoy}, {@code istio-1.9}, ...), or null. */
    public static LogFormat byName(String name) {
        return AUTO.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
    }
}
