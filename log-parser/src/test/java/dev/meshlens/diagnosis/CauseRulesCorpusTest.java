package dev.meshlens.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.meshlens.parser.SharedCorpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The built-in table on the real lines of {@code ../shared/corpus/envoy-real.log}: each line's cause, read
 * from its own code, flags and details (the reason is given with each group of line numbers).
 */
class CauseRulesCorpusTest {
    private static final List<Reading> READINGS = List.of(
            new Reading(Cause.NONE, "a 1xx to 3xx status and no flag", 2, 3, 5, 7, 8, 11, 12, 13, 14, 15, 16, 17, 18,
                    27, 28, 31, 32, 33, 34, 36, 37, 53, 60, 61, 62, 63, 67, 77, 78, 79),
            new Reading(Cause.NONE, "418 from httpbin's /status/418 and no flag: the application's own answer",
                    20, 58, 59, 73, 74),
            new Reading(Cause.NONE, "TCP code 0 and no flag: the connection closed normally", 4, 75, 76, 80),
            new Reading(Cause.NONE, "101 DC: the client closed its websocket after 13 s", 56),
            new Reading(Cause.CONNECTION_REFUSED, "UF or UF,URX with no TLS evidence (delayed_connect_error:_111 where"
                    + " details are logged)", 1, 10, 25, 50, 68, 69),
            new Reading(Cause.NO_ROUTE, "404 NR (route_not_found)", 6, 21, 22, 43),
            new Reading(Cause.APPLICATION_ERROR, "501 and 502 via_upstream with no flag", 9, 71),
            new Reading(Cause.NO_HEALTHY_UPSTREAM, "503 UH no_healthy_upstream", 19, 24, 42, 49, 70),
            new Reading(Cause.DOWNSTREAM_PROTOCOL_ERROR, "400 DPE http1.codec_error", 23, 29),
            new Reading(Cause.DOWNSTREAM_DISCONNECT, "0 DC downstream_remote_disconnect", 26, 30, 47),
            new Reading(Cause.CIRCUIT_BREAKER_OVERFLOW, "503 UO", 35, 40, 52),
            new Reading(Cause.RETRIES_EXHAUSTED, "503 or 500 URX alone", 38, 39, 41, 44, 55),
            new Reading(Cause.UPSTREAM_KEEPALIVE_RESET, "503 UC connection_termination", 45, 46),
            new Reading(Cause.UPSTREAM_TIMEOUT, "504 UT response_timeout", 48),
            new Reading(Cause.UPSTREAM_PROTOCOL_ERROR, "UPE protocol_error, before or after the response started", 51, 72),
            new Reading(Cause.CLUSTER_NOT_FOUND, "503 NC cluster_not_found", 54),
            new Reading(Cause.STREAM_IDLE_TIMEOUT, "101 SI: a websocket cut after 413 s idle", 57),
            new Reading(Cause.FAULT_INJECTED, "503 FI from the fault filter", 64, 65, 66));

    private record Reading(Cause cause, String why, int... lineNumbers) {
    }

    @Test
    void everyRealLineGetsTheCauseItsEvidenceNames() throws IOException {
        Path dir = SharedCorpus.dir().orElse(null);
        assumeTrue(dir != null, SharedCorpus.skipReason());
        List<String> real = Files.readAllLines(dir.resolve("envoy-real.log"), StandardCharsets.UTF_8);
        Map<Integer, Reading> byLine = new TreeMap<>();
        for (Reading reading : READINGS) {
            for (int n : reading.lineNumbers()) {
                assertNull(byLine.put(n, reading), "line " + n + " is read twice");
            }
        }
        assertEquals(real.size(), byLine.size(), "every real line has a reading");
        CauseRules rules = CauseRules.builtIn();
        Lines lines = new Lines();
        List<String> wrong = new ArrayList<>();
        byLine.forEach((n, reading) -> {
            Cause got = rules.classify(lines.decodeReal(real.get(n - 1)));
            if (got != reading.cause()) {
                wrong.add("line " + n + " (" + reading.why() + "): expected " + reading.cause() + ", got " + got);
            }
        });
        assertEquals(List.of(), wrong);
    }
}
