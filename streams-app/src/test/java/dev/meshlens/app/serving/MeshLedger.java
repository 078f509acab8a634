package dev.meshlens.app.serving;

import static dev.meshlens.app.serving.AccessRecords.iso;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The requests a test sends, each with the service, direction and cause the README's rules give it, and the
 * answers the REST API must give for them, computed here from the requests alone (plain counting and sorting,
 * none of the pipeline's code).
 */
public final class MeshLedger {
    /** One request as a test means it: the line, and what MeshLens must make of it (cause null: a success). */
    public record Request(AccessRecords.Pod pod, AccessRecords.Line line, String service, String direction,
            String cause, String flag, int code, long time, long duration, String upstreamHost, String requestId) {
    }

    /** A window of the store: {@code [start, start + window)}. */
    public record Window(String service, long start) {
    }

    private static final JsonNode CAUSE_TABLE = causeTable();
    private final long windowMillis;
    private final List<Request> requests = new ArrayList<>();
    private final List<byte[]> garbage = new ArrayList<>();
    private int sequence;

    public MeshLedger(long windowMillis) {
        this.windowMillis = windowMillis;
    }

    public long windowMillis() {
        return windowMillis;
    }

    /**
     * Adds one request: {@code cluster} and {@code serverName} name the destination as the sidecar saw it;
     * {@code upstreamHost} null writes {@code -}. Its request id is unique.
     */
    public Request add(AccessRecords.Pod pod, long time, String service, String direction, String cause, int code,
            String flag, String details, String failureReason, long duration, String authority, String cluster,
            String serverName, String upstreamHost) {
        String requestId = String.format("6f1c2e3a-0000-4000-8000-%012d", ++sequence);
        AccessRecords.Line line = new AccessRecords.Line(time).code(code).flags(flag == null ? "-" : flag)
                .details(details).failureReason(failureReason).duration(duration).authority(authority)
                .cluster(cluster).serverName(serverName).upstreamHost(upstreamHost == null ? "-" : upstreamHost)
                .requestId(requestId).path("/" + service.split("\\.")[0] + "/" + sequence);
        Request request = new Request(pod, line, service, direction, cause, flag, code, time, duration, upstreamHost,
                requestId);
        requests.add(request);
        return request;
    }

    /** A record that is no access line at all: it must go to the dead-letter topic. */
    public void addGarbage(String value) {
        garbage.add(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public List<Request> requests() {
        return requests;
    }

    public int recordCount() {
        return requests.size() + garbage.size();
    }

    public List<ProducerRecord<String, byte[]>> records(String topic) {
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>();
        for (Request r : requests) {
            out.add(r.pod().record(topic, r.line()));
        }
        for (byte[] value : garbage) {
            out.add(new ProducerRecord<>(topic, null, value));
        }
        return out;
    }

    /** The start of the earliest window with a request. */
    public long firstWindowStart() {
        return windowStart(requests.stream().mapToLong(Request::time).min().orElseThrow());
    }

    public long windowStart(long time) {
        return Math.floorDiv(time, windowMillis) * windowMillis;
    }

    /** The requests of the windows that overlap {@code [from, to)}. */
    private Predicate<Request> inRange(long from, long to) {
        return r -> {
            long start = windowStart(r.time());
            return start < to && start + windowMillis > from;
        };
    }

    /** {@code GET /api/v1/services?from&to}: one row per service, most errors first. */
    public JsonNode services(long from, long to) {
        Map<String, List<Request>> byService = requests.stream().filter(inRange(from, to))
                .collect(Collectors.groupingBy(Request::service, TreeMap::new, Collectors.toList()));
        List<ObjectNode> rows = new ArrayList<>();
        byService.forEach((service, list) -> rows.add(serviceRow(service, list)));
        rows.sort(Comparator.comparingLong((ObjectNode n) -> -n.get("errors").asLong())
                .thenComparingLong(n -> -n.get("requests").asLong()).thenComparing(n -> n.get("service").asText()));
        ArrayNode array = Http.MAPPER.createArrayNode();
        rows.forEach(array::add);
        return normalized(array);
    }

    /** The row of one service in {@code /api/v1/services}. */
    public JsonNode serviceRow(String service, long from, long to) {
        return normalized(serviceRow(service, requests.stream().filter(inRange(from, to))
                .filter(r -> r.service().equals(service)).toList()));
    }

    private ObjectNode serviceRow(String service, List<Request> list) {
        long errors = list.stream().filter(r -> r.cause() != null).count();
        ObjectNode row = Http.MAPPER.createObjectNode();
        row.put("service", service);
        row.put("requests", list.size());
        row.put("errors", errors);
        row.put("error_ratio", list.isEmpty() ? 0 : (double) errors / list.size());
        Map<List<String>, List<Request>> byCause = list.stream().filter(r -> r.cause() != null)
                .collect(Collectors.groupingBy(r -> List.of(r.direction(), r.cause())));
        List<ObjectNode> causes = new ArrayList<>();
        byCause.forEach((key, failed) -> causes.add(causeSummary(key.get(1), key.get(0), failed)));
        causes.sort(Comparator.comparingLong((ObjectNode n) -> -n.get("count").asLong())
                .thenComparing(n -> n.get("cause").asText()));
        if (causes.isEmpty()) {
            row.putNull("top_cause");
        } else {
            row.set("top_cause", causes.get(0));
        }
        ArrayNode array = row.putArray("causes");
        causes.forEach(array::add);
        return row;
    }

    private static ObjectNode causeSummary(String cause, String direction, List<Request> failed) {
        ObjectNode n = Http.MAPPER.createObjectNode();
        n.put("cause", cause);
        n.put("title", CAUSE_TABLE.get(cause).get("title").asText());
        n.put("hint", CAUSE_TABLE.get(cause).get("hint").asText());
        n.put("direction", direction);
        n.put("count", failed.size());
        ArrayNode flags = n.putArray("flags");
        failed.stream().map(Request::flag).filter(f -> f != null).distinct().sorted().forEach(flags::add);
        ArrayNode codes = n.putArray("status_codes");
        top(failed.stream().map(r -> Integer.toString(r.code())).toList(), 4).forEach(e -> codes.add(e.getKey()));
        n.put("first_seen", iso(failed.stream().mapToLong(Request::time).min().orElseThrow()));
        n.put("last_seen", iso(failed.stream().mapToLong(Request::time).max().orElseThrow()));
        ArrayNode hosts = n.putArray("top_upstream_hosts");
        top(failed.stream().map(Request::upstreamHost).filter(h -> h != null).toList(), 5).forEach(e -> {
            ObjectNode host = hosts.addObject();
            host.put("key", e.getKey());
            host.put("count", e.getValue());
        });
        return n;
    }

    /** Counts of each value, most first, ties by value. */
    private static List<Map.Entry<String, Long>> top(List<String> values, int n) {
        Map<String, Long> counts = values.stream().collect(Collectors.groupingBy(v -> v, TreeMap::new,
                Collectors.counting()));
        return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey())).limit(n).toList();
    }

    /** The windows of {@code service} that overlap the range, oldest first. */
    public List<Window> windows(String service, long from, long to) {
        return requests.stream().filter(inRange(from, to)).filter(r -> r.service().equals(service))
                .map(r -> windowStart(r.time())).distinct().sorted().map(start -> new Window(service, start)).toList();
    }

    public List<Request> in(Window w) {
        return requests.stream().filter(r -> r.service().equals(w.service()) && windowStart(r.time()) == w.start())
                .toList();
    }

    /** {@code GET /api/v1/services/{service}/causes}: per window, counts per cause ({@code direction} null: all). */
    public JsonNode causes(String service, String direction, long from, long to) {
        ArrayNode array = Http.MAPPER.createArrayNode();
        for (Window w : windows(service, from, to)) {
            List<Request> list = in(w).stream().filter(r -> direction == null || r.direction().equals(direction))
                    .toList();
            ObjectNode n = array.addObject();
            n.put("window_start", iso(w.start()));
            n.put("window_end", iso(w.start() + windowMillis));
            n.put("requests", list.size());
            n.put("errors", list.stream().filter(r -> r.cause() != null).count());
            ObjectNode causes = n.putObject("causes");
            list.stream().filter(r -> r.cause() != null)
                    .collect(Collectors.groupingBy(Request::cause, TreeMap::new, Collectors.counting()))
                    .forEach(causes::put);
        }
        return normalized(array);
    }

    /** {@code GET /api/v1/services/{service}/upstreams}: hosts of the failed requests (of {@code cause}). */
    public JsonNode upstreams(String service, String cause, int limit, long from, long to) {
        ArrayNode array = Http.MAPPER.createArrayNode();
        top(requests.stream().filter(inRange(from, to)).filter(r -> r.service().equals(service))
                .filter(r -> r.cause() != null && (cause == null || r.cause().equals(cause)))
                .map(Request::upstreamHost).filter(h -> h != null).toList(), limit).forEach(e -> {
                    ObjectNode n = array.addObject();
                    n.put("host", e.getKey());
                    n.put("count", e.getValue());
                });
        return normalized(array);
    }

    /**
     * Checks {@code GET /api/v1/services/{service}/latency}: per window, the count, and percentiles as HdrHistogram
     * defines them (the value at rank ceil(p * n) of the sorted durations) within the precision of a histogram of
     * 2 significant digits: never below the exact value, at most 1% above.
     */
    public void assertLatency(String service, long from, long to, JsonNode answer) {
        List<Window> expected = windows(service, from, to);
        assertEquals(expected.size(), answer.size(), () -> service + ": " + answer);
        for (int i = 0; i < expected.size(); i++) {
            Window w = expected.get(i);
            JsonNode got = answer.get(i);
            long[] sorted = in(w).stream().mapToLong(Request::duration).sorted().toArray();
            String where = service + " window " + iso(w.start()) + " " + got;
            assertEquals(iso(w.start()), got.get("window_start").asText(), where);
            assertEquals(iso(w.start() + windowMillis), got.get("window_end").asText(), where);
            assertEquals(sorted.length, got.get("count").asLong(), where);
            assertWithinPrecision(rank(sorted, 500), got.get("p50").asLong(), "p50 " + where);
            assertWithinPrecision(rank(sorted, 900), got.get("p90").asLong(), "p90 " + where);
            assertWithinPrecision(rank(sorted, 990), got.get("p99").asLong(), "p99 " + where);
            assertWithinPrecision(rank(sorted, 999), got.get("p999").asLong(), "p999 " + where);
            assertWithinPrecision(sorted[sorted.length - 1], got.get("max").asLong(), "max " + where);
        }
    }

    /** The value at rank ceil(perMille / 1000 * n), 1-based, of sorted values. */
    private static long rank(long[] sorted, int perMille) {
        long rank = Math.max(1, (perMille * (long) sorted.length + 999) / 1000);
        return sorted[(int) rank - 1];
    }

    private static void assertWithinPrecision(long exact, long actual, String what) {
        assertTrue(actual >= exact && actual <= exact + exact / 100, what + ": expected " + exact
                + " (up to 1% more), got " + actual);
    }

    /** Every service the requests name. */
    public List<String> services() {
        return requests.stream().map(Request::service).distinct().sorted().toList();
    }

    public static String title(String cause) {
        return CAUSE_TABLE.get(cause).get("title").asText();
    }

    public static String hint(String cause) {
        return CAUSE_TABLE.get(cause).get("hint").asText();
    }

    /** The same JSON as it reads back from text (ints as ints, doubles as doubles), for equality with answers. */
    public static JsonNode normalized(JsonNode node) {
        try {
            return Http.MAPPER.readTree(Http.MAPPER.writeValueAsString(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cause table's titles and hints by id, read from the table the README names. */
    private static JsonNode causeTable() {
        try (InputStream in = MeshLedger.class.getResourceAsStream("/dev/meshlens/diagnosis/causes.json")) {
            ObjectNode byId = Http.MAPPER.createObjectNode();
            for (JsonNode cause : Http.MAPPER.readTree(in).get("causes")) {
                byId.set(cause.get("id").asText(), cause);
            }
            return byId;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
