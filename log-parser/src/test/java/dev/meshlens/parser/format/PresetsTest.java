package dev.meshlens.parser.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The preset format strings hold Envoy's and Istio's fields in their published order, quoted where they quote,
 * one space apart.
 * The line generator renders with these same strings, so this is what checks them against the versions' own
 * descriptions: field lists written here by version, as each release changed them.
 */
class PresetsTest {
    private static final List<String> REQUEST = List.of("[%START_TIME%]", "\"%REQ(:METHOD)%",
            "%REQ(X-ENVOY-ORIGINAL-PATH?:PATH)%", "%PROTOCOL%\"", "%RESPONSE_CODE%", "%RESPONSE_FLAGS%");
    private static final List<String> SIZES_AND_HEADERS = List.of("%BYTES_RECEIVED%", "%BYTES_SENT%", "%DURATION%",
            "%RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)%", "\"%REQ(X-FORWARDED-FOR)%\"", "\"%REQ(USER-AGENT)%\"",
            "\"%REQ(X-REQUEST-ID)%\"", "\"%REQ(:AUTHORITY)%\"", "\"%UPSTREAM_HOST%\"");
    private static final List<String> ADDRESSES = List.of("%UPSTREAM_CLUSTER%", "%UPSTREAM_LOCAL_ADDRESS%",
            "%DOWNSTREAM_LOCAL_ADDRESS%", "%DOWNSTREAM_REMOTE_ADDRESS%", "%REQUESTED_SERVER_NAME%");
    private static final String MIXER = "\"%DYNAMIC_METADATA(istio.mixer:status)%\"";
    private static final String FAILURE_REASON = "\"%UPSTREAM_TRANSPORT_FAILURE_REASON%\"";

    static Stream<Arguments> presets() {
        return Stream.of(
                Arguments.of(Presets.ENVOY, join(REQUEST, SIZES_AND_HEADERS)),
                Arguments.of(Presets.ENVOY_DETAILS, join(REQUEST, List.of("%RESPONSE_CODE_DETAILS%"), SIZES_AND_HEADERS)),
                Arguments.of(Presets.ISTIO_1_0, join(REQUEST, SIZES_AND_HEADERS, ADDRESSES)),
                Arguments.of(Presets.ISTIO_1_1, join(REQUEST, List.of(MIXER), SIZES_AND_HEADERS, ADDRESSES)),
                Arguments.of(Presets.ISTIO_1_2,
                        join(REQUEST, List.of(MIXER, FAILURE_REASON), SIZES_AND_HEADERS, ADDRESSES)),
                Arguments.of(Presets.ISTIO_1_3, join(REQUEST, List.of(MIXER, FAILURE_REASON), SIZES_AND_HEADERS,
                        ADDRESSES, List.of("%ROUTE_NAME%"))),
                Arguments.of(Presets.ISTIO_1_9, join(REQUEST, List.of("%RESPONSE_CODE_DETAILS%",
                        "%CONNECTION_TERMINATION_DETAILS%", FAILURE_REASON), SIZES_AND_HEADERS, ADDRESSES,
                        List.of("%ROUTE_NAME%"))),
                Arguments.of(Presets.ISTIO_1_23, join(REQUEST, List.of("%RESPONSE_CODE_DETAILS%",
                        "%CONNECTION_TERMINATION_DETAILS%", FAILURE_REASON), SIZES_AND_HEADERS,
                        join(List.of("%UPSTREAM_CLUSTER_RAW%"), ADDRESSES.subList(1, ADDRESSES.size())),
                        List.of("%ROUTE_NAME%"))));
    }

    @SafeVarargs
    private static List<String> join(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    @ParameterizedTest
    @MethodSource("presets")
    void fieldsInTheirPublishedOrder(String formatString, List<String> fields) {
        assertEquals(String.join(" ", fields) + "\n", formatString);
    }
}
