package dev.meshlens.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The report on the 80 real lines of {@code ../shared/corpus/envoy-real.log}, beside the project (absent in
 * a user's fresh clone: then skipped). Each row was read off the lines: the service from the cluster, SNI or
 * authority, the errors from each line's flags and details.
 */
class DiagnoseCorpusTest {
    private static final Path CORPUS = Path.of("").toAbsolutePath().getParent()
            .resolveSibling("shared").resolve("corpus").resolve("envoy-real.log");

    @Test
    void theRealLinesGiveTheServicesAndCausesTheyShow() throws IOException {
        assumeTrue(Files.isRegularFile(CORPUS), CORPUS + " is absent (a fresh clone has none): corpus report skipped");
        Cli.Run run = Cli.diagnose("--json", CORPUS.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode report = new ObjectMapper().readTree(run.out());
        List<String> got = new ArrayList<>();
        for (JsonNode s : report.get("services")) {
            got.add(s.get("service").asText() + " " + s.get("direction").asText() + " " + s.get("requests") + " "
                    + s.get("errors") + " " + s.get("top_cause").asText());
        }
        assertEquals("80 80", report.get("lines") + " " + report.get("parsed"));
        assertEquals(List.of(
                // 5, 8, 43, 48-57, 63-67 (no cluster; localhost:8000 and the like). Failed: 43 NR, 48 UT, 49 UH,
                // 50 UF, 51 UPE, 52 UO, 54 NC, 55 URX, 57 SI (websocket cut idle), 64-66 FI; 56 is a websocket
                // the client closed (101 DC), not a failure.
                "localhost unknown 18 12 fault-injected",
                // 1 and 4 (TCP), 23 and 29 (DPE), 47 (DC, pasted without authority): nothing names a service.
                "unknown unknown 5 4 downstream-protocol-error",
                "pyserver.circuitbreaker outbound 5 3 retries-exhausted", // 36, 37 good; 38, 39, 41 URX
                // 13, 27, 28, 32 good; 25 UF delayed_connect_error, 30 DC: a tie, broken by cause id.
                "reviews.default inbound 6 2 connection-refused",
                "httpbin.default outbound 4 2 no-healthy-upstream", // 20 and 58 are 418s; 19 UH, 44 URX
                "35.232.196.88 unknown 2 2 no-route", // 21, 22 NR by IP authority
                "productpage.default outbound 2 2 no-healthy-upstream", // 24, 42 UH
                "pyserver unknown 2 2 circuit-breaker-overflow", // 35, 40 UO, cluster '-', no namespace to qualify
                "httpbin.org unknown 3 1 application-error", // 2, 3 good; 9 is 501 with no flag
                "productpage.default inbound 3 1 downstream-disconnect", // 12, 15 good; 26 DC
                "192.168.99.107 unknown 1 1 no-route", // 6
                "InboundPassthroughCluster inbound 1 1 connection-refused", // 68 UF,URX delayed_connect_error
                "ambassador-76c58d9df4-jwhsg.default unknown 1 1 connection-refused", // 10, TCP: only its pod is known
                "faulty-http.faulty-http inbound 1 1 upstream-protocol-error", // 72 UPE
                "faulty-http.faulty-http outbound 1 1 application-error", // 71: the gateway got 72's 502 via_upstream
                "health-api.production outbound 1 1 upstream-keepalive-reset", // 46 UC
                "httpbin.httpbin outbound 1 1 no-healthy-upstream", // 70 UH
                "internal-api.default inbound 1 1 upstream-keepalive-reset", // 45 UC
                "redacted inbound 1 1 connection-refused", // 69 UF, no SNI: redacted.svc.cluster.local authority
                "edition.cnn.com outbound 3 0 null", // 75, 76 TCP, 77 301
                "details.default inbound 2 0 null", // 11, 34
                "ratings.default inbound 2 0 null", // 17, 18
                "ratings.default outbound 2 0 null", // 31, 33
                "64.145.79.247 unknown 1 0 null", // 61
                "PassthroughCluster outbound 1 0 null", // 80
                "api.giphy.com unknown 1 0 null", // 60
                "details.default outbound 1 0 null", // 16
                "helloworld.default inbound 1 0 null", // 78
                "helloworld.default outbound 1 0 null", // 79
                "httpbin.default inbound 1 0 null", // 59
                "httpbin.foo inbound 1 0 null", // 74
                "httpbin.foo outbound 1 0 null", // 73
                "locations unknown 1 0 null", // 62
                "reviews.default outbound 1 0 null", // 14
                "www.elastic.co unknown 1 0 null"), got); // 7
    }
}
