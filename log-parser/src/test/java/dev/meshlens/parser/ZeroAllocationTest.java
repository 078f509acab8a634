package dev.meshlens.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.event.Field;
import dev.meshlens.parser.format.FormatGrammar;
import dev.meshlens.parser.format.Presets;
import dev.meshlens.parser.json.AccessEventJson;
import dev.meshlens.parser.json.JsonOutput;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Once warm, decoding a line allocates nothing, whatever carried it, and neither does writing the event as JSON
 * into a reused buffer. Checked with the JVM's per-thread allocation counter, which sees every allocation this
 * thread makes, inside a TLAB or not; its own cost is measured and allowed, nothing else is.
 */
class ZeroAllocationTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final int SAMPLES = 64;
    /** Enough for first-use costs (class initialisation, buffers growing to the longest line); JIT state is moot. */
    private static final int WARM_UP_ROUNDS = 20;
    private static final int MEASURED_ROUNDS = 50;
    private static final int WINDOWS = 5;

    /** The line shapes the parser meets, each made from the same varied requests. */
    enum Input {
        ISTIO_1_9_TEXT("istio-1.9", values -> render(Presets.ISTIO_1_9, values)),
        ISTIO_1_3_MIXER_TEXT("istio-1.3", values -> render(Presets.ISTIO_1_3, values)),
        ENVOY_DEFAULT("envoy", values -> render(Presets.ENVOY, values)),
        JSON_TYPED("json", values -> istioJson(values, true)),
        JSON_STRINGS("json", values -> istioJson(values, false)),
        FLUENT_BIT_RECORD("istio-1.9", ZeroAllocationTest::fluentBitRecord),
        CRI_PREFIXED("istio-1.9", values -> "2026-11-22T10:00:01.123456789Z stdout F " + render(Presets.ISTIO_1_9, values));

        final String format;
        final Function<Map<Field, String>, String> renderer;

        Input(String format, Function<Map<Field, String>, String> renderer) {
            this.format = format;
            this.renderer = renderer;
        }
    }

    private final AccessLogParser parser = AccessLogParser.auto();
    private final AccessEvent event = new AccessEvent();

    @ParameterizedTest
    @EnumSource(Input.class)
    void parsingAllocatesNothingPerLine(Input input) {
        byte[][] lines = linesOf(input);
        assertAllocatesNothing(input + " parse", lines.length, () -> {
            for (byte[] line : lines) {
                parser.parse(line, 0, line.length, event);
            }
        });
    }

    @Test
    void aStreamThatSwitchesFormatsAllocatesNothingPerLine() {
        byte[][] lines = Arrays.stream(Input.values()).flatMap(input -> Arrays.stream(linesOf(input)))
                .toArray(byte[][]::new);
        // Interleaved, so every line makes the parser leave the format it preferred for the previous one.
        byte[][] interleaved = new byte[lines.length][];
        for (int i = 0; i < lines.length; i++) {
            interleaved[i] = lines[(i % Input.values().length) * SAMPLES + i / Input.values().length];
        }
        assertAllocatesNothing("mixed parse", interleaved.length, () -> {
            for (byte[] line : interleaved) {
                parser.parse(line, 0, line.length, event);
            }
        });
    }

    @ParameterizedTest
    @EnumSource(Input.class)
    void writingTheEventAsJsonAllocatesNothingPerLine(Input input) {
        byte[][] lines = linesOf(input);
        AccessEventJson json = new AccessEventJson();
        JsonOutput out = new JsonOutput();
        assertAllocatesNothing(input + " parse and write", lines.length, () -> {
            for (int i = 0; i < lines.length; i++) {
                parser.parse(lines[i], 0, lines[i].length, event);
                json.write(event, i + 1, out.reset());
            }
        });
        assertTrue(out.toString().startsWith("{\"line\":" + lines.length + ",\"format\":\"" + input.format + "\""),
                out::toString);
    }

    /** The lines of one input kind, each checked to decode fully, so the measurement is of the real path. */
    private byte[][] linesOf(Input input) {
        Random random = new Random(input.ordinal());
        byte[][] lines = new byte[SAMPLES][];
        for (int i = 0; i < SAMPLES; i++) {
            Map<Field, String> values = request(random);
            lines[i] = input.renderer.apply(values).getBytes(StandardCharsets.UTF_8);
            parser.parse(lines[i], 0, lines[i].length, event);
            String line = new String(lines[i], StandardCharsets.UTF_8);
            assertEquals("OK " + input.format + " " + values.get(Field.RESPONSE_CODE),
                    event.status() + " " + event.formatName() + " " + event.responseCode(), line);
        }
        return lines;
    }

    /**
     * Passes when one window of {@link #MEASURED_ROUNDS} rounds allocates no more than reading the counter does.
     * Several windows are allowed because the JVM itself allocates on this thread now and then: when C2-compiled
     * code first takes a branch it was compiled without, the runtime resolves constants (class-name strings, a
     * few hundred bytes, once). A per-line allocation shows in every window.
     */
    private static void assertAllocatesNothing(String what, int linesPerRound, Runnable round) {
        for (int i = 0; i < WARM_UP_ROUNDS; i++) {
            round.run();
        }
        long measurementCost = measurementCost();
        long fewest = Long.MAX_VALUE;
        for (int window = 0; window < WINDOWS && fewest > measurementCost; window++) {
            long before = allocatedBytes();
            for (int i = 0; i < MEASURED_ROUNDS; i++) {
                round.run();
            }
            fewest = Math.min(fewest, allocatedBytes() - before);
        }
        long allocated = fewest;
        long lines = (long) MEASURED_ROUNDS * linesPerRound;
        assertTrue(allocated <= measurementCost, () -> what + " allocated " + allocated + " bytes over " + lines
                + " lines (" + (double) allocated / lines + " B/line) in its best of " + WINDOWS
                + " windows; reading the counter costs " + measurementCost);
    }

    /** What reading the counter twice, with nothing in between, adds to it. */
    private static long measurementCost() {
        long cost = 0;
        for (int i = 0; i < 10; i++) {
            long first = allocatedBytes();
            cost = Math.max(cost, allocatedBytes() - first);
        }
        return cost;
    }

    private static long allocatedBytes() {
        return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    // ---------------------------------------------------------------- generated input

    private static final List<String[]> OUTCOMES = List.of(
            new String[] {"200", "-", "via_upstream"},
            new String[] {"404", "NR", "route_not_found"},
            new String[] {"503", "UH", "no_healthy_upstream"},
            new String[] {"503", "UF,URX", "upstream_reset_before_response_started{remote_connection_failure}"},
            new String[] {"503", "UpstreamOverflow", "upstream_reset_before_response_started{overflow}"},
            new String[] {"504", "UT", "response_timeout"},
            new String[] {"0", "DC", "downstream_remote_disconnect"});
    private static final String[] CLUSTERS = {"outbound|9080|v2|reviews.default.svc.cluster.local", "inbound|9080||",
        "outbound_.9080_.v1_.reviews.default.svc.cluster.local;", "PassthroughCluster", "-"};

    /** One request's values as Envoy prints them ({@code -} when absent). */
    private static Map<Field, String> request(Random random) {
        String[] outcome = OUTCOMES.get(random.nextInt(OUTCOMES.size()));
        boolean answered = outcome[2].equals("via_upstream");
        Map<Field, String> values = new EnumMap<>(Field.class);
        values.put(Field.START_TIME, String.format("2026-11-22T10:%02d:%02d.%03dZ",
                random.nextInt(60), random.nextInt(60), random.nextInt(1000)));
        values.put(Field.METHOD, random.nextBoolean() ? "GET" : "POST");
        values.put(Field.PATH, random.nextInt(8) == 0 ? "/search?q=caf\u00e9&n=" + random.nextInt(99)
                : "/reviews/" + random.nextInt(1000));
        values.put(Field.PROTOCOL, random.nextBoolean() ? "HTTP/1.1" : "HTTP/2");
        values.put(Field.RESPONSE_CODE, outcome[0]);
        values.put(Field.RESPONSE_FLAGS, outcome[1]);
        values.put(Field.RESPONSE_CODE_DETAILS, outcome[2]);
        values.put(Field.CONNECTION_TERMINATION_DETAILS, "-");
        values.put(Field.UPSTREAM_TRANSPORT_FAILURE_REASON, outcome[1].startsWith("UF") ? "delayed_connect_error:_111" : "-");
        values.put(Field.ISTIO_POLICY_STATUS, "-");
        values.put(Field.BYTES_RECEIVED, Integer.toString(random.nextInt(2_000)));
        values.put(Field.BYTES_SENT, Integer.toString(random.nextInt(20_000)));
        values.put(Field.DURATION, Integer.toString(random.nextInt(3_000)));
        values.put(Field.UPSTREAM_SERVICE_TIME, answered ? Integer.toString(random.nextInt(3_000)) : "-");
        values.put(Field.X_FORWARDED_FOR, random.nextBoolean() ? "203.0.113." + random.nextInt(255) : "-");
        values.put(Field.USER_AGENT, random.nextBoolean() ? "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Firefox/133.0"
                : "curl/8.5.0");
        values.put(Field.REQUEST_ID, new UUID(random.nextLong(), random.nextLong()).toString());
        values.put(Field.AUTHORITY, "reviews:9080");
        values.put(Field.UPSTREAM_HOST, answered ? "10.44.3." + random.nextInt(255) + ":9080" : "-");
        values.put(Field.UPSTREAM_CLUSTER, CLUSTERS[random.nextInt(CLUSTERS.length)]);
        values.put(Field.UPSTREAM_LOCAL_ADDRESS, answered ? "10.44.1.23:" + (32_768 + random.nextInt(28_000)) : "-");
        values.put(Field.DOWNSTREAM_LOCAL_ADDRESS, "10.0.88.3:9080");
        values.put(Field.DOWNSTREAM_REMOTE_ADDRESS, "10.44.1.23:" + (32_768 + random.nextInt(28_000)));
        values.put(Field.REQUESTED_SERVER_NAME, random.nextBoolean() ? "outbound_.9080_.v2_.reviews.default.svc.cluster.local" : "-");
        values.put(Field.ROUTE_NAME, random.nextBoolean() ? "default" : "-");
        return values;
    }

    /** The line Envoy writes for {@code format}: its literal text, and each operator's value. */
    private static String render(String format, Map<Field, String> values) {
        StringBuilder line = new StringBuilder();
        for (FormatGrammar.Token token : FormatGrammar.tokenize(format)) {
            line.append(token.literal() != null ? new String(token.literal(), StandardCharsets.UTF_8)
                    : token.field() != null ? values.get(token.field()) : "-");
        }
        return line.toString();
    }

    /** Istio's JSON encoding: typed (1.9.5+: numbers, {@code null}) or all strings with {@code "-"} (1.5). */
    private static String istioJson(Map<Field, String> values, boolean typed) {
        StringBuilder json = new StringBuilder("{");
        for (Map.Entry<Field, String> entry : values.entrySet()) {
            Field field = entry.getKey();
            String value = entry.getValue();
            json.append(json.length() > 1 ? "," : "").append('"').append(field.jsonName()).append("\":");
            if (typed && value.equals("-")) {
                json.append("null");
            } else if (typed && field.kind() == Field.Kind.NUMBER && field != Field.UPSTREAM_SERVICE_TIME) {
                json.append(value);
            } else {
                json.append(quote(value));
            }
        }
        return json.append('}').toString();
    }

    /** Fluent Bit's Kafka record around an Istio 1.9 line, with escapes in the line and in the metadata. */
    private static String fluentBitRecord(Map<Field, String> values) {
        return "{\"@timestamp\":1795341601.123456,\"time\":\"2026-11-22T10:00:01.123456789Z\",\"stream\":\"stdout\","
                + "\"_p\":\"F\",\"log\":" + quote(render(Presets.ISTIO_1_9, values)) + ",\"kubernetes\":{"
                + "\"pod_name\":\"reviews-v2-7bf8c9648f-m4w9d\",\"namespace_name\":\"default\","
                + "\"labels\":{\"app\":\"reviews\",\"version\":\"v2\",\"security.istio.io/tlsMode\":\"istio\"},"
                + "\"annotations\":{\"sidecar.istio.io/status\":" + quote("{\"containers\":[\"istio-proxy\"]}") + "},"
                + "\"host\":\"node-3\",\"container_name\":\"istio-proxy\"}}";
    }

    /** A JSON string; non-ASCII as {@code \\u} escapes, as many shippers write it. */
    private static String quote(String value) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c > 0x7E) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
