package dev.meshlens.app.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshlens.app.cli.DiagnoseCommand;
import dev.meshlens.app.serving.Http;
import dev.meshlens.diagnosis.Cause;
import dev.meshlens.diagnosis.Direction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine;

/**
 * Checks a run's counts three ways: as planned, as the REST API serves them, and as {@code meshlens diagnose}
 * counts the very same record values offline. All three must agree exactly, window by window.
 */
final class Reconciliation {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Reconciliation() {
    }

    /**
     * Asserts that what {@code http} serves for each planned (service, direction) equals the plan of all
     * {@code parts}, and equals {@code meshlens diagnose --window} over their lines (written to {@code dir}).
     */
    static void assertReconciled(Http http, Path dir, Traffic... parts) throws IOException {
        Map<Traffic.Count, Long> planned = Traffic.expectedCounts(parts);
        Map<Traffic.Count, Long> served = served(http, planned.keySet());
        assertEquals(planned, served, "served by the REST API against the plan");

        Path lines = dir.resolve("lines.jsonl");
        try (OutputStream out = Files.newOutputStream(lines)) {
            for (Traffic part : parts) {
                for (ProducerRecord<byte[], byte[]> record : part.records()) {
                    out.write(record.value());
                    out.write('\n');
                }
            }
        }
        JsonNode report = diagnose(lines);
        Map<Traffic.Count, Long> offlineCauses = new TreeMap<>();
        Map<String, Long> offlineRequests = new TreeMap<>();
        for (JsonNode service : report.get("services")) {
            Direction direction = Direction.byId(service.get("direction").asText());
            offlineRequests.put(service.get("service").asText() + ' ' + direction, service.get("requests").asLong());
            for (JsonNode cause : service.get("causes")) {
                for (JsonNode window : cause.get("timeline")) {
                    offlineCauses.put(new Traffic.Count(service.get("service").asText(), direction,
                            Cause.byId(cause.get("cause").asText()),
                            Instant.parse(window.get("window_start").asText()).toEpochMilli()),
                            window.get("count").asLong());
                }
            }
        }
        Map<Traffic.Count, Long> servedCauses = new TreeMap<>(served);
        servedCauses.keySet().removeIf(count -> count.cause() == Cause.NONE);
        Map<String, Long> servedRequests = new TreeMap<>();
        served.forEach((count, n) -> servedRequests.merge(count.service() + ' ' + count.direction(), n, Long::sum));
        assertEquals(offlineCauses, servedCauses, "failures per window: meshlens diagnose against the REST API");
        assertEquals(offlineRequests, servedRequests, "requests: meshlens diagnose against the REST API");
        assertEquals(0, report.get("rejected").asLong(), "lines meshlens diagnose rejected");
    }

    /** Per (service, direction, cause, window) what the REST API serves; successes as {@link Cause#NONE}. */
    private static Map<Traffic.Count, Long> served(Http http, Set<Traffic.Count> planned) {
        Set<String> asked = new TreeSet<>();
        Map<Traffic.Count, Long> served = new TreeMap<>();
        for (Traffic.Count count : planned) {
            if (!asked.add(count.service() + ' ' + count.direction().id())) {
                continue;
            }
            JsonNode windows = http.get("/api/v1/services/" + count.service() + "/causes?direction="
                    + count.direction().id()).ok();
            for (JsonNode window : windows) {
                long start = Instant.parse(window.get("window_start").asText()).toEpochMilli();
                long errors = 0;
                for (Map.Entry<String, JsonNode> cause : window.get("causes").properties()) {
                    served.put(new Traffic.Count(count.service(), count.direction(), Cause.byId(cause.getKey()), start),
                            cause.getValue().asLong());
                    errors += cause.getValue().asLong();
                }
                assertEquals(errors, window.get("errors").asLong(), () -> count + ": errors against causes");
                long succeeded = window.get("requests").asLong() - errors;
                if (succeeded != 0) {
                    served.put(new Traffic.Count(count.service(), count.direction(), Cause.NONE, start), succeeded);
                }
            }
        }
        return served;
    }

    /** {@code meshlens diagnose --window 10s --json FILE}, run in this JVM; its JSON report. */
    private static JsonNode diagnose(Path file) throws IOException {
        PrintStream out = System.out;
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        int exitCode;
        try {
            System.setOut(new PrintStream(report, true, StandardCharsets.UTF_8));
            exitCode = new CommandLine(new DiagnoseCommand()).execute("--window", Deployment.WINDOW.toSeconds() + "s",
                    "--json", file.toString());
        } finally {
            System.setOut(out);
        }
        assertEquals(0, exitCode, "meshlens diagnose exit code");
        return JSON.readTree(report.toByteArray());
    }
}
