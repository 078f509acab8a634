package dev.meshlens.diagnosis;

import static dev.meshlens.diagnosis.IstioLine.line;
import static dev.meshlens.diagnosis.IstioLine.localReply;
import static dev.meshlens.diagnosis.IstioLine.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The built-in table turns each piece of evidence in the troubleshooting guide (reference/causes.md and the
 * flag table of envoy-formats.md) into the cause an operator would name. Every line is generated here from
 * that evidence; the real lines are in {@link CauseRulesCorpusTest}.
 */
class CauseRulesTest {
    private static final String TLS_VERIFY_FAILED =
            "TLS_error:_268435581:SSL_routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED";

    private final CauseRules rules = CauseRules.builtIn();
    private final Lines lines = new Lines();

    static Stream<Arguments> evidence() {
        return Stream.of(
                means(Cause.NO_HEALTHY_UPSTREAM, "503 UH no_healthy_upstream",
                        localReply(503, "UH", "no_healthy_upstream")),
                means(Cause.MTLS_MISMATCH, "503 UF, TLS error in the details",
                        localReply(503, "UF", "upstream_reset_before_response_started{connection_failure,"
                                + TLS_VERIFY_FAILED + "}").failureReason(TLS_VERIFY_FAILED)),
                means(Cause.MTLS_MISMATCH, "503 UF, SDS secret missing in the quoted failure reason only",
                        localReply(503, "UF", "upstream_reset_before_response_started{connection_failure}")
                                .failureReason("TLS error: Secret is not supplied by SDS")),
                means(Cause.MTLS_MISMATCH, "503 UF, plaintext answered to TLS: WRONG_VERSION_NUMBER",
                        localReply(503, "UF", "upstream_reset_before_response_started{connection_failure}")
                                .failureReason("TLS_error:_268435703:SSL_routines:OPENSSL_internal:WRONG_VERSION_NUMBER")),
                means(Cause.MTLS_MISMATCH, "503 UF,URX: retries do not hide the TLS failure of the last attempt",
                        localReply(503, "UF,URX", "upstream_reset_before_response_started{connection_failure,"
                                + TLS_VERIFY_FAILED + "}")),
                means(Cause.CONNECTION_REFUSED, "503 UF delayed_connect_error:_111 (ECONNREFUSED)",
                        localReply(503, "UF", "upstream_reset_before_response_started{connection_failure,"
                                + "delayed_connect_error:_111}").upstreamHost("10.40.2.17:9080")),
                means(Cause.CONNECTION_REFUSED, "503 UF remote_connection_failure, no TLS evidence",
                        localReply(503, "UF", "upstream_reset_before_response_started{remote_connection_failure}")),
                means(Cause.CONNECTION_REFUSED, "TCP 0 UF,URX with the refusal as failure reason: UF names the cause",
                        tcp("UF,URX").failureReason("delayed_connect_error:_111")),
                means(Cause.CIRCUIT_BREAKER_OVERFLOW, "503 UO overflow",
                        localReply(503, "UO", "upstream_reset_before_response_started{overflow}")),
                means(Cause.UPSTREAM_KEEPALIVE_RESET, "503 UC connection_termination",
                        line().code(503).flags("UC").details("upstream_reset_before_response_started{connection_termination}")),
                means(Cause.RETRIES_EXHAUSTED, "503 URX alone: every retry got the upstream's 503",
                        line().code(503).flags("URX")),
                means(Cause.UPSTREAM_TIMEOUT, "504 UT,URX: the last try timed out, so the timeout is the cause",
                        localReply(504, "UT,URX", "upstream_per_try_timeout")),
                means(Cause.NO_ROUTE, "404 NR route_not_found",
                        localReply(404, "NR", "route_not_found").cluster("-").route("-")),
                means(Cause.NO_FILTER_CHAIN, "0 NR filter_chain_not_found on the listener",
                        tcp("NR").details("filter_chain_not_found").cluster("-").upstreamHost("-")),
                means(Cause.DOWNSTREAM_PROTOCOL_ERROR, "400 DPE http1.codec_error",
                        localReply(400, "DPE", "http1.codec_error").request("- - HTTP/1.1").authority("-").cluster("-")),
                means(Cause.DOWNSTREAM_PROTOCOL_ERROR, "400 IH: invalid x-envoy-* request header",
                        localReply(400, "IH", "request_headers_failed_strict_check")),
                means(Cause.HTTP10_CLIENT, "426 for an HTTP/1.0 request",
                        localReply(426, "-", "-").request("GET /productpage HTTP/1.0")),
                means(Cause.UPSTREAM_TIMEOUT, "504 UT response_timeout",
                        localReply(504, "UT", "response_timeout")),
                means(Cause.STREAM_IDLE_TIMEOUT, "408 SI stream_idle_timeout",
                        localReply(408, "SI", "stream_idle_timeout")),
                means(Cause.STREAM_IDLE_TIMEOUT, "101 SI: an idle websocket cut by the idle timeout",
                        line().code(101).flags("SI").details("stream_idle_timeout")),
                means(Cause.DOWNSTREAM_DISCONNECT, "0 DC downstream_remote_disconnect",
                        line().code(0).flags("DC").details("downstream_remote_disconnect")),
                means(Cause.DOWNSTREAM_DISCONNECT, "0 DR: the client reset its HTTP/2 stream",
                        line().code(0).flags("DR").details("-")),
                means(Cause.UPSTREAM_RESET, "503 UR remote_reset",
                        localReply(503, "UR", "upstream_reset_before_response_started{remote_reset}")),
                means(Cause.UPSTREAM_RESET, "503 LR local_reset",
                        localReply(503, "LR", "upstream_reset_before_response_started{local_reset}")),
                means(Cause.RATE_LIMITED, "429 RL local_rate_limited",
                        localReply(429, "RL", "local_rate_limited")),
                means(Cause.RATE_LIMITED, "500 RLSE: the rate-limit service failed",
                        localReply(500, "RLSE", "rate_limiter_error")),
                means(Cause.EXT_AUTHZ_DENIED, "403 UAEX ext_authz_denied",
                        localReply(403, "UAEX", "ext_authz_denied")),
                means(Cause.RBAC_DENIED, "403 rbac_access_denied_matched_policy on the server's sidecar, no flag",
                        localReply(403, "-", "rbac_access_denied_matched_policy[none]").cluster("-").route("-")
                                .serverName("outbound_.9080_._.reviews.default.svc.cluster.local")),
                means(Cause.FAULT_INJECTED, "503 FI fault_filter_abort",
                        localReply(503, "FI", "fault_filter_abort")),
                means(Cause.FAULT_INJECTED, "503 DI: a fault delay, then the failure it provoked",
                        line().code(503).flags("DI")),
                means(Cause.UPSTREAM_PROTOCOL_ERROR, "502 UPE protocol_error",
                        line().code(502).flags("UPE").details("upstream_reset_before_response_started{protocol_error}")),
                means(Cause.CLUSTER_NOT_FOUND, "503 NC cluster_not_found",
                        localReply(503, "NC", "cluster_not_found").cluster("-")),
                means(Cause.CLUSTER_NOT_FOUND, "500 NFCF: filter config not received in time",
                        localReply(500, "NFCF", "-")),
                means(Cause.MIXER_POLICY_UNAVAILABLE, "Istio 1.1 503 with Mixer status UNAVAILABLE",
                        line().code(503).details("-").upstreamHost("-").policyStatus("UNAVAILABLE:no healthy upstream")
                                .istio11Text()),
                means(Cause.MTLS_MISMATCH, "Istio 1.3 503 UF, TLS error in the quoted failure reason",
                        localReply(503, "UF", "-").failureReason("TLS error: 268435581:SSL routines:"
                                + "OPENSSL_internal:CERTIFICATE_VERIFY_FAILED").istio13Text()),
                means(Cause.OVERLOAD, "503 DO drop_overload",
                        localReply(503, "DO", "drop_overload")),
                means(Cause.OVERLOAD, "503 OM: the overload manager shed the request",
                        localReply(503, "OM", "-")),
                means(Cause.DNS_FAILURE, "503 DF: the upstream's name did not resolve",
                        localReply(503, "DF", "-").cluster("outbound|443||api.example.com").authority("api.example.com")),
                means(Cause.APPLICATION_ERROR, "503 via_upstream with no flag: the application said 503",
                        line().code(503)),
                means(Cause.APPLICATION_ERROR, "404 via_upstream with no flag: the application said 404",
                        line().code(404)),
                means(Cause.OTHER, "503 with a flag this build does not know",
                        localReply(503, "XYZ", "-")),
                means(Cause.NONE, "200 via_upstream", line()),
                means(Cause.NONE, "401 via_upstream: the application asked for credentials",
                        line().code(401)),
                means(Cause.NONE, "200 DI: a fault delay only, the request succeeded",
                        line().flags("DI")),
                means(Cause.NONE, "101 DC: the client closed its websocket, the normal end of an upgraded stream",
                        line().request("GET /ws HTTP/1.1").code(101).flags("DC").details("downstream_remote_disconnect")),
                means(Cause.NONE, "TCP 0 with no flag: a connection that closed normally", tcp("-")));
    }

    private static Arguments means(Cause cause, String evidence, IstioLine line) {
        return means(cause, evidence, line.text());
    }

    private static Arguments means(Cause cause, String evidence, String line) {
        return Arguments.of(evidence, line, cause);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("evidence")
    void namesTheCauseTheEvidenceMeans(String evidence, String line, Cause expected) {
        assertEquals(expected, rules.classify(lines.decode(line)), line);
    }

    /**
     * One memo over every line, twice over: lines that share a code and flags (503 UF with and without TLS
     * evidence, 404 NR and 404 with no flag) must still get their own cause from their text.
     */
    @Test
    void theMemoNamesTheSameCausesAsTheRulesWhateverCameBefore() {
        CauseMemo memo = new CauseMemo(rules);
        List<Arguments> all = evidence().toList();
        for (int round = 0; round < 2; round++) {
            for (Arguments a : all) {
                String line = (String) a.get()[1];
                assertEquals(a.get()[2], memo.classify(lines.decode(line)), "round " + round + ": " + line);
            }
        }
    }

    @Test
    void everyCauseHasEvidenceThatLeadsToIt() {
        Set<Cause> covered = evidence().map(a -> (Cause) a.get()[2])
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Cause.class)));
        assertEquals(EnumSet.allOf(Cause.class), covered);
    }
}
