package dev.meshlens.parser.event;

/**
 * Envoy's response flags, short code and long name ({@code %RESPONSE_FLAGS%} and
 * {@code %RESPONSE_FLAGS_LONG%}, Envoy 1.28+). Each flag is one bit of {@link AccessEvent#responseFlags()}.
 * Source: envoy {@code source/common/stream_info/utility.h}.
 */
public enum ResponseFlag {
    UH("NoHealthyUpstream"),
    UF("UpstreamConnectionFailure"),
    UO("UpstreamOverflow"),
    NR("NoRouteFound"),
    URX("UpstreamRetryLimitExceeded"),
    NC("NoClusterFound"),
    DT("DurationTimeout"),
    DC("DownstreamConnectionTermination"),
    LH("FailedLocalHealthCheck"),
    UT("UpstreamRequestTimeout"),
    LR("LocalReset"),
    UR("UpstreamRemoteReset"),
    UC("UpstreamConnectionTermination"),
    DI("DelayInjected"),
    FI("FaultInjected"),
    RL("RateLimited"),
    UAEX("UnauthorizedExternalService"),
    RLSE("RateLimitServiceError"),
    IH("InvalidEnvoyRequestHeaders"),
    SI("StreamIdleTimeout"),
    DPE("DownstreamProtocolError"),
    UPE("UpstreamProtocolError"),
    UMSDR("UpstreamMaxStreamDurationReached"),
    RFCF("ResponseFromCacheFilter"),
    NFCF("NoFilterConfigFound"),
    OM("OverloadManagerTerminated"),
    DF("DnsResolutionFailed"),
    DO("DropOverload"),
    DR("DownstreamRemoteReset"),
    UDO("UnconditionalDropOverload"),
    /** A code this build does not know (Envoy lets filters register custom flags); the raw text is kept. */
    UNKNOWN("Unknown");

    private static final ResponseFlag[] VALUES = values();

    private final String longName;
    private final byte[] shortBytes;
    private final byte[] longBytes;

    ResponseFlag(String longName) {
        this.longName = longName;
        this.shortBytes = name().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        this.longBytes = longName.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    public String shortCode() {
        return name();
    }

    public String longName() {
        return longName;
    }

    public long bit() {
        return 1L << ordinal();
    }

    public boolean isSet(long flags) {
        return (flags & bit()) != 0;
    }

    byte[] shortBytes() {
        return shortBytes;
    }

    byte[] longBytes() {
        return longBytes;
    }

    public static ResponseFlag of(int ordinal) {
        return VALUES[ordinal];
    }

    /** The flag with this short code or long name, or null. */
    public static ResponseFlag byName(String name) {
        for (ResponseFlag flag : VALUES) {
            if (flag != UNKNOWN && (flag.name().equals(name) || flag.longName.equals(name))) {
                return flag;
            }
        }
        return null;
    }
}
