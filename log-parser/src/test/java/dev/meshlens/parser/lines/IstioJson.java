package dev.meshlens.parser.lines;

import dev.meshlens.parser.event.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Istio's JSON access-log encoding ({@code accessLogEncoding: JSON}), by era and by how values are typed. */
public final class IstioJson {
    /** How values are written: Istio 1.9+ types numbers and uses null; 1.5 wrote strings and {@code "-"}. */
    public enum Values { TYPED, STRINGS_DASH, STRINGS_NULL }

    /** Istio 1.9+ keys. */
    public static final Map<String, Field> KEYS_1_9 = keys(false);
    /** Istio 1.3 to 1.8 keys: the Mixer policy status instead of the two details. */
    public static final Map<String, Field> KEYS_1_3 = keys(true);

    private IstioJson() {
    }

    private static Map<String, Field> keys(boolean mixer) {
        Map<String, Field> keys = new LinkedHashMap<>();
        keys.put("start_time", Field.START_TIME);
        keys.put("route_name", Field.ROUTE_NAME);
        keys.put("method", Field.METHOD);
        keys.put("path", Field.PATH);
        keys.put("protocol", Field.PROTOCOL);
        keys.put("response_code", Field.RESPONSE_CODE);
        keys.put("response_flags", Field.RESPONSE_FLAGS);
        if (mixer) {
            keys.put("istio_policy_status", Field.ISTIO_POLICY_STATUS);
        } else {
            keys.put("response_code_details", Field.RESPONSE_CODE_DETAILS);
            keys.put("connection_termination_details", Field.CONNECTION_TERMINATION_DETAILS);
        }
        keys.put("bytes_received", Field.BYTES_RECEIVED);
        keys.put("bytes_sent", Field.BYTES_SENT);
        keys.put("duration", Field.DURATION);
        keys.put("upstream_service_time", Field.UPSTREAM_SERVICE_TIME);
        keys.put("x_forwarded_for", Field.X_FORWARDED_FOR);
        keys.put("user_agent", Field.USER_AGENT);
        keys.put("request_id", Field.REQUEST_ID);
        keys.put("authority", Field.AUTHORITY);
        keys.put("upstream_host", Field.UPSTREAM_HOST);
        keys.put("upstream_cluster", Field.UPSTREAM_CLUSTER);
        keys.put("upstream_local_address", Field.UPSTREAM_LOCAL_ADDRESS);
        keys.put("downstream_local_address", Field.DOWNSTREAM_LOCAL_ADDRESS);
        keys.put("downstream_remote_address", Field.DOWNSTREAM_REMOTE_ADDRESS);
        keys.put("requested_server_name", Field.REQUESTED_SERVER_NAME);
        keys.put("upstream_transport_failure_reason", Field.UPSTREAM_TRANSPORT_FAILURE_REASON);
        return Collections.unmodifiableMap(keys);
    }

    /** One JSON object on one line, keys in a shuffled order (Envoy does not promise one). */
    public static RenderedLine render(AccessRecord record, Map<String, Field> keys, Values values,
            JsonEscaping escaping, Random random) {
        List<String> order = new ArrayList<>(keys.keySet());
        Collections.shuffle(order, random);
        Map<Field, String> printed = new EnumMap<>(Field.class);
        StringBuilder out = new StringBuilder("{");
        for (String key : order) {
            Field field = keys.get(key);
            String text = field == Field.START_TIME ? Instant.ofEpochMilli(record.startMillis()).toString()
                    : record.printed(field);
            boolean absent = text.equals("-");
            printed.put(field, absent ? null : text);
            if (out.length() > 1) {
                out.append(random.nextBoolean() ? "," : ", ");
            }
            out.append('"').append(key).append("\":");
            if (absent && values != Values.STRINGS_DASH) {
                out.append("null");
            } else if (values == Values.TYPED && field.kind() == Field.Kind.NUMBER
                    && field != Field.UPSTREAM_SERVICE_TIME) {
                // Envoy types its own counters; a response header stays a string.
                out.append(text);
            } else {
                out.append(escaping.quote(text));
            }
        }
        return new RenderedLine(out.append('}').toString(), record, printed, record.startMillis());
    }
}
