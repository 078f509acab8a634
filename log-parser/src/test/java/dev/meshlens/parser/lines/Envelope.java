package dev.meshlens.parser.lines;

import dev.meshlens.parser.event.AccessEvent;
import dev.meshlens.parser.event.Field;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

/** Everything that carries an access line to MeshLens, each rendered the way its writer does. */
public enum Envelope {
    NONE,
    /** Fluent Bit's Kafka record: tail + CRI parser + kubernetes filter + kafka output, JSON. */
    FLUENT_BIT,
    /** Docker's json-file driver: the line keeps its newline. */
    DOCKER,
    /** Filebeat with add_kubernetes_metadata: {@code message}, nested {@code pod.name} maps. */
    FILEBEAT,
    CRI_FULL,
    CRI_PARTIAL,
    KUBECTL_TIMESTAMPS,
    KUBECTL_PREFIX,
    KUBECTL_PREFIX_TIMESTAMPS,
    STERN,
    COMPOSE,
    COMPOSE_TIMESTAMPS,
    /** Ambassador/Emissary's {@code ACCESS } marker. */
    ACCESS;

    public Wrapped wrap(String line, Origin o, Random random) {
        Map<Field, String> fields = new EnumMap<>(Field.class);
        JsonEscaping escaping = JsonEscaping.values()[random.nextInt(JsonEscaping.values().length)];
        long time = o.timeMillis();
        String text = switch (this) {
            case NONE -> line;
            case FLUENT_BIT -> {
                putAll(fields, o, Field.K8S_NAMESPACE, Field.K8S_POD, Field.K8S_CONTAINER, Field.K8S_APP,
                        Field.K8S_VERSION, Field.K8S_NODE, Field.STREAM);
                yield "{\"@timestamp\":" + time / 1000 + "." + Strftime.digits(time % 1000, 3)
                        + Strftime.digits(random.nextInt(1000), 3)
                        + ",\"time\":\"" + isoNanos(time, random, ZoneOffset.UTC) + "\",\"stream\":\"" + o.stream()
                        + "\",\"_p\":\"F\",\"log\":" + escaping.quote(line) + ",\"kubernetes\":{\"pod_name\":\""
                        + o.pod() + "\",\"namespace_name\":\"" + o.namespace() + "\",\"pod_id\":\"5a0e0b8e-1c1f\","
                        + "\"labels\":{\"app\":\"" + o.app() + "\",\"version\":\"" + o.version()
                        + "\",\"security.istio.io/tlsMode\":\"istio\",\"service.istio.io/canonical-name\":\""
                        + o.app() + "\"},\"annotations\":{\"sidecar.istio.io/status\":"
                        + escaping.quote("{\"containers\":[\"istio-proxy\"],\"note\":\"caf\u00e9 \uD83D\uDE00\"}")
                        + "},\"host\":\"" + o.node() + "\",\"pod_ip\":\"10.44.1.23\",\"container_name\":\""
                        + o.container() + "\",\"container_image\":\"docker.io/istio/proxyv2:1.24.0\"}}";
            }
            case DOCKER -> {
                putAll(fields, o, Field.STREAM);
                yield "{\"log\":" + escaping.quote(line + "\n") + ",\"stream\":\"" + o.stream() + "\",\"time\":\""
                        + isoNanos(time, random, ZoneOffset.UTC) + "\"}";
            }
            case FILEBEAT -> {
                putAll(fields, o, Field.K8S_NAMESPACE, Field.K8S_POD, Field.K8S_CONTAINER, Field.K8S_APP,
                        Field.K8S_VERSION, Field.K8S_NODE, Field.STREAM);
                yield "{\"@timestamp\":\"" + Instant.ofEpochMilli(time) + "\",\"message\":" + escaping.quote(line)
                        + ",\"stream\":\"" + o.stream() + "\",\"kubernetes\":{\"namespace\":\"" + o.namespace()
                        + "\",\"pod\":{\"name\":\"" + o.pod() + "\",\"uid\":\"0f3c2a9d\"},\"container\":{\"name\":\""
                        + o.container() + "\"},\"node\":{\"name\":\"" + o.node() + "\"},\"labels\":{\"app\":\""
                        + o.app() + "\",\"version\":\"" + o.version() + "\"}}}";
            }
            case CRI_FULL, CRI_PARTIAL -> {
                putAll(fields, o, Field.STREAM);
                ZoneOffset zone = random.nextBoolean() ? ZoneOffset.UTC : ZoneOffset.ofHoursMinutes(2, 30);
                yield isoNanos(time, random, zone) + " " + o.stream() + (this == CRI_FULL ? " F " : " P ") + line;
            }
            case KUBECTL_TIMESTAMPS -> isoNanos(time, random, ZoneOffset.UTC) + " " + line;
            case KUBECTL_PREFIX, KUBECTL_PREFIX_TIMESTAMPS -> {
                putAll(fields, o, Field.K8S_POD, Field.K8S_CONTAINER);
                String stamp = this == KUBECTL_PREFIX ? "" : isoNanos(time, random, ZoneOffset.UTC) + " ";
                yield "[pod/" + o.pod() + "/" + o.container() + "] " + stamp + line;
            }
            case STERN -> {
                putAll(fields, o, Field.K8S_POD, Field.K8S_CONTAINER);
                yield o.pod() + " " + o.container() + " " + line;
            }
            case COMPOSE -> o.app() + "-1  | " + line;
            case COMPOSE_TIMESTAMPS -> o.app() + "-1  | " + isoNanos(time, random, ZoneOffset.UTC) + " " + line;
            case ACCESS -> "ACCESS " + line;
        };
        return new Wrapped(text, hasTime() ? time : AccessEvent.NO_TIME, fields, this == CRI_PARTIAL);
    }

    /**
     * Whether the parser can find where this envelope ends in front of {@code line}. Stern's and compose's
     * prefixes are free words with no closing mark, so they are found only before a line that opens the way
     * Envoy's and Istio's defaults do ({@code [YYYY-}) or with JSON ({@code {"}).
     */
    public boolean canCarry(String line) {
        boolean freeWords = this == STERN || this == COMPOSE || this == COMPOSE_TIMESTAMPS;
        return !freeWords || line.startsWith("{\"") || line.matches("^\\[\\d{4}-.*");
    }

    public boolean hasTime() {
        return switch (this) {
            case NONE, KUBECTL_PREFIX, STERN, COMPOSE, ACCESS -> false;
            default -> true;
        };
    }

    /** Whether the line arrives inside a JSON string (so any byte of it may come escaped). */
    public boolean isJson() {
        return this == FLUENT_BIT || this == DOCKER || this == FILEBEAT;
    }

    private static void putAll(Map<Field, String> fields, Origin o, Field... wanted) {
        for (Field field : wanted) {
            fields.put(field, switch (field) {
                case K8S_NAMESPACE -> o.namespace();
                case K8S_POD -> o.pod();
                case K8S_CONTAINER -> o.container();
                case K8S_APP -> o.app();
                case K8S_VERSION -> o.version();
                case K8S_NODE -> o.node();
                case STREAM -> o.stream();
                default -> throw new IllegalArgumentException(field.toString());
            });
        }
    }

    /** RFC 3339 with nine fraction digits (containerd, kubectl): the millis, then sub-millisecond noise. */
    private static String isoNanos(long millis, Random random, ZoneOffset zone) {
        String base = Instant.ofEpochMilli(millis).atOffset(zone).toLocalDateTime().withNano(0).toString();
        if (base.length() == 16) {
            base += ":00";
        }
        String zoneText = zone.equals(ZoneOffset.UTC) ? "Z" : zone.getId();
        return base + "." + Strftime.digits(Math.floorMod(millis, 1000), 3)
                + Strftime.digits(random.nextInt(1_000_000), 6) + zoneText;
    }
}
